using System.Text.Json;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// The words for enum values in URLs and exports — the same snake_case the API speaks
/// (<c>AwaitingPayment</c> → <c>awaiting_payment</c>).
/// </summary>
public static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Reads a wire name (any case); numbers and unknown names are refused.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        var name = text?.Trim();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Every wire name of <typeparamref name="TEnum"/>, for error messages.</summary>
    public static string All<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(v => Of(v)));
}
