using System.Globalization;
using MerchantPortal.Orders;
using MerchantPortal.Support;
using MerchantPortal.Web.Features.Orders;

namespace MerchantPortal.Web.Features.Support;

/// <summary>How the support queue's reasons, ages and filters read.</summary>
public static class SupportQueueDisplay
{
    /// <summary>The codes that are an order's flag: "Mark as dealt with" clears them.</summary>
    private static readonly HashSet<string> FlagCodes = [OrderFlags.RefundFailed, OrderFlags.LatePayment, OrderFlags.DeliveredAfterRefund];

    /// <summary>A reason code in words: <c>OUT_OF_STOCK</c> → "Out of stock".</summary>
    public static string Reason(string code) => code switch
    {
        OrderErrorCodes.OutOfStock => "Out of stock",
        OrderErrorCodes.ProviderError => "Provider error",
        SupportReasons.Stuck => "Stuck in processing",
        SupportReasons.Undelivered => "Units left undelivered",
        OrderFlags.RefundFailed => "Refund failed",
        OrderFlags.LatePayment => "Late card payment",
        OrderFlags.DeliveredAfterRefund => "Delivered after a refund",
        _ => Sentence(code),
    };

    /// <summary>Whether the row is in the queue because of a flag that someone marks as dealt with.</summary>
    public static bool IsFlag(string code) => FlagCodes.Contains(code);

    public static string Age(SupportQueueAge age) => age switch
    {
        SupportQueueAge.Hour => "Older than 1 hour",
        SupportQueueAge.Day => "Older than 24 hours",
        _ => "Older than 7 days",
    };

    /// <summary>How long ago, briefly: "12 min", "3 h", "2 d".</summary>
    public static string Elapsed(TimeSpan elapsed) => elapsed switch
    {
        { TotalMinutes: < 60 } => $"{Math.Max(0, (int)elapsed.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min",
        { TotalHours: < 24 } => $"{((int)elapsed.TotalHours).ToString(CultureInfo.InvariantCulture)} h",
        _ => $"{((int)elapsed.TotalDays).ToString(CultureInfo.InvariantCulture)} d",
    };

    public static string PaymentMethod(PaymentMethodKind method) => OrderFormat.PaymentMethod(method);

    // An unknown code still reads as words: SOME_CODE → "Some code".
    private static string Sentence(string code)
    {
        var words = code.Replace('_', ' ').ToLowerInvariant();
        return words.Length == 0 ? code : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
