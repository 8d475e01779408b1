using MerchantPortal.Common;
using MerchantPortal.Orders;
using MerchantPortal.Support;
using MerchantPortal.Web.Features.Orders;

namespace MerchantPortal.Web.Features.Support;

/// <summary>The query string names of the support queue's tab and filters.</summary>
public static class SupportQueueKeys
{
    public const string Tab = "tab";
    public const string Merchant = "merchant";
    public const string Reason = "reason";
    public const string Age = "age";
    public const string Payment = "payment";

    /// <summary>The value of <see cref="Tab"/> that opens the approvals.</summary>
    public const string ApprovalsTab = "approvals";
}

/// <summary>How long ago an order was placed, at least, to be shown.</summary>
public enum SupportQueueAge
{
    /// <summary>Older than an hour.</summary>
    Hour,

    /// <summary>Older than a day.</summary>
    Day,

    /// <summary>Older than a week.</summary>
    Week,
}

/// <summary>
/// The support queue's filters as a person chooses them. They live in the page's address (so a view can be shared
/// and reloaded): <see cref="Parse"/> reads them from the query string, <see cref="ToQueryParameters"/> writes them
/// back, and <see cref="ToQuery"/> makes the service layer's query.
/// </summary>
public sealed record SupportQueueFilter
{
    public static SupportQueueFilter None { get; } = new();

    /// <summary>The ages as they read in the address, in order.</summary>
    public static IReadOnlyDictionary<SupportQueueAge, string> AgeWords { get; } = new Dictionary<SupportQueueAge, string>
    {
        [SupportQueueAge.Hour] = "1h",
        [SupportQueueAge.Day] = "24h",
        [SupportQueueAge.Week] = "7d",
    };

    public Guid? MerchantId { get; init; }

    /// <summary>One of <see cref="SupportReasons.All"/>.</summary>
    public string? Reason { get; init; }

    public SupportQueueAge? Age { get; init; }

    public PaymentMethodKind? PaymentMethod { get; init; }

    public bool IsFiltered => MerchantId is not null || Reason is not null || Age is not null || PaymentMethod is not null;

    /// <summary>Reads the filters from query string text; the first value that makes no sense is the error.</summary>
    public static Result<SupportQueueFilter> Parse(string? merchant, string? reason, string? age, string? payment)
    {
        Guid? merchantId = null;
        if (!string.IsNullOrWhiteSpace(merchant))
        {
            if (!Guid.TryParse(merchant.Trim(), out var id))
            {
                return new Error("FILTER_INVALID", $"'{merchant}' is not a merchant id.", SupportQueueKeys.Merchant);
            }

            merchantId = id;
        }

        string? reasonCode = null;
        if (!string.IsNullOrWhiteSpace(reason))
        {
            reasonCode = SupportReasons.All.FirstOrDefault(r => string.Equals(r, reason.Trim(), StringComparison.OrdinalIgnoreCase));
            if (reasonCode is null)
            {
                return new Error("FILTER_INVALID", $"'{reason}' is not a support queue reason. Use one of: {string.Join(", ", SupportReasons.All)}.",
                    SupportQueueKeys.Reason);
            }
        }

        SupportQueueAge? olderThan = null;
        if (!string.IsNullOrWhiteSpace(age))
        {
            var found = AgeWords.FirstOrDefault(a => string.Equals(a.Value, age.Trim(), StringComparison.OrdinalIgnoreCase));
            if (found.Value is null)
            {
                return new Error("FILTER_INVALID", $"'{age}' is not an age. Use one of: {string.Join(", ", AgeWords.Values)}.", SupportQueueKeys.Age);
            }

            olderThan = found.Key;
        }

        PaymentMethodKind? method = null;
        if (!string.IsNullOrWhiteSpace(payment))
        {
            if (!WireNames.TryParse<PaymentMethodKind>(payment, out var parsed))
            {
                return new Error("FILTER_INVALID", $"'{payment}' is not a payment method. Use one of: {WireNames.All<PaymentMethodKind>()}.",
                    SupportQueueKeys.Payment);
            }

            method = parsed;
        }

        return new SupportQueueFilter { MerchantId = merchantId, Reason = reasonCode, Age = olderThan, PaymentMethod = method };
    }

    /// <summary>The filters as query string values: every key is present, and unset filters are null so they leave the address.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [SupportQueueKeys.Merchant] = MerchantId,
        [SupportQueueKeys.Reason] = Reason,
        [SupportQueueKeys.Age] = Age is { } age ? AgeWords[age] : null,
        [SupportQueueKeys.Payment] = PaymentMethod is { } method ? WireNames.Of(method) : null,
    };

    public SupportQueueQuery ToQuery(int page = 0, int pageSize = 25) => new()
    {
        MerchantId = MerchantId,
        Reason = Reason,
        OlderThan = Age is { } age ? Span(age) : null,
        PaymentMethod = PaymentMethod,
        Page = page,
        PageSize = pageSize,
    };

    public static TimeSpan Span(SupportQueueAge age) => age switch
    {
        SupportQueueAge.Hour => TimeSpan.FromHours(1),
        SupportQueueAge.Day => TimeSpan.FromHours(24),
        _ => TimeSpan.FromDays(7),
    };
}
