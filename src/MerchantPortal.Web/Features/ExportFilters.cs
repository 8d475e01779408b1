using System.Globalization;
using MerchantPortal.Common;

namespace MerchantPortal.Web.Features;

/// <summary>
/// The query values more than one CSV export reads (a merchant id, UTC instants), read one way and refused with the
/// same codes (<see cref="ExportProblems"/>).
/// </summary>
public static class ExportFilters
{
    public const string MerchantKey = "merchant";
    public const string FromKey = "from";
    public const string ToKey = "to";

    public static Error MerchantInvalid { get; } = new("MERCHANT_INVALID", "The merchant must be a merchant id.", MerchantKey);

    /// <summary>An export of one merchant's data, asked for by staff without naming the merchant.</summary>
    public static Error MerchantRequired { get; } = new("MERCHANT_INVALID", "Choose a merchant.", MerchantKey);

    public static Error FromInvalid { get; } = new("FROM_INVALID", "The start must be a UTC time like 2026-11-01T00:00:00Z.", FromKey);

    public static Error ToInvalid { get; } = new("TO_INVALID", "The end must be a UTC time like 2026-12-01T00:00:00Z.", ToKey);

    /// <summary>Reads an optional merchant id: none when empty, false when it is not a merchant id.</summary>
    public static bool TryMerchant(string? text, out Guid? merchantId)
    {
        merchantId = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!Guid.TryParse(text, out var parsed))
        {
            return false;
        }

        merchantId = parsed;
        return true;
    }

    /// <summary>Reads an optional instant (UTC unless it names its offset): none when empty, false when it is not a time.</summary>
    public static bool TryInstant(string? text, out DateTime? instant)
    {
        instant = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        instant = parsed.UtcDateTime;
        return true;
    }
}
