using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Operations;

/// <summary>
/// What the demo's orders are placed with: the demo merchant user, lines with plausible field values, and the
/// payment, whose 3-D Secure return address is this app's own (from <c>urls</c>, as <c>dotnet run</c> sets it).
/// </summary>
internal sealed class DemoOrderRequests(IConfiguration configuration)
{
    /// <summary>Kestrel's address when none is configured.</summary>
    private const string DefaultAddress = "http://localhost:5000";

    public PaymentChoice PaymentFor(DemoCardHolder? holder) => holder is null
        ? PaymentChoice.Balance
        : new PaymentChoice(PaymentMethodKind.Card, holder.PaymentMethodId, PaymentReturnUrl);

    /// <summary>Where a payer comes back after 3-D Secure: the order's payment-return page on this app.</summary>
    private string PaymentReturnUrl => $"{PortalAddress()}/orders/{PaymentChoice.OrderIdToken}/payment-return";

    public static Actor ActorFor(MerchantSummary merchant) => Actor.User("demo", "Demo history", merchant.Id, Roles.Merchant);

    /// <summary>A line for the item: a key's quantity, a top-up's amount and the fields' values drawn from <paramref name="random"/>.</summary>
    public static PlaceOrderLine Line(CatalogItem item, Random random, int? quantity = null) => item.Type switch
    {
        ProductType.Key => new PlaceOrderLine(item.Id, quantity ?? (random.Next(100) < 75 ? 1 : random.Next(2, 4))),
        ProductType.TopUp => new PlaceOrderLine(item.Id,
            (item.MinAmountMinor + item.StepMinor * random.Next(0, (int)Math.Min(8, (item.MaxAmountMinor - item.MinAmountMinor) / item.StepMinor) + 1)) / 100m,
            FieldValues(item, random)),
        _ => new PlaceOrderLine(item.Id, null, FieldValues(item, random)),
    };

    private static Dictionary<string, string?> FieldValues(CatalogItem item, Random random) => item.Fields.ToDictionary(
        f => f.Key,
        f => (string?)(f.Type == FieldType.Choice
            ? f.Choices[random.Next(f.Choices.Count)].Id.ToString(CultureInfo.InvariantCulture)
            : f.Key switch
            {
                "phone_number" when item.Currency == "USD" => $"+1{random.NextInt64(2_000_000_000, 9_999_999_999)}",
                "phone_number" => $"+44{random.NextInt64(7_000_000_000, 7_999_999_999)}",
                "account_id" when f.Pattern is not null => $"LGC-{random.Next(100_000, 999_999)}",
                "account_id" => $"player{random.Next(1000, 99_999)}",
                _ => "Billing question",
            }));

    /// <summary>The first address the app listens on, with a wildcard host read as localhost.</summary>
    private string PortalAddress()
    {
        var first = (configuration["urls"] ?? DefaultAddress).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? DefaultAddress;
        var address = first.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : DefaultAddress;
    }
}
