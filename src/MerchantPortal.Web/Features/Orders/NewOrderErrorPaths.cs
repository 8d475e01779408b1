using System.Globalization;
using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// The <c>Error.Field</c> paths the order service reports (the API's field names), and how a line's
/// path such as <c>lines[2].fields.phone_number</c> splits into the line and the input on it.
/// </summary>
public static partial class NewOrderErrorPaths
{
    public const string Merchant = "merchant_id";
    public const string Lines = "lines";
    public const string Customer = "customer";
    public const string CustomerId = "customer.id";
    public const string CustomerName = "customer.name";
    public const string CustomerEmail = "customer.email";
    public const string CustomerPhone = "customer.phone";
    public const string Payment = "payment";
    public const string PaymentMethodId = "payment.payment_method_id";
    public const string MerchantOrderId = "merchant_order_id";
    public const string Notes = "notes";

    /// <summary>The paths of a line's inputs, relative to the line.</summary>
    public const string Quantity = "quantity";
    public const string Item = "item_id";

    public static string Field(string key) => $"fields.{key}";

    /// <summary>Splits <c>lines[2].quantity</c> into 2 and <c>quantity</c>.</summary>
    public static bool TryParseLine(string path, out int index, out string input)
    {
        var match = LinePath().Match(path);
        if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            input = match.Groups[2].Value;
            return true;
        }

        index = -1;
        input = "";
        return false;
    }

    [GeneratedRegex(@"^lines\[(\d+)\]\.(.+)$")]
    private static partial Regex LinePath();
}
