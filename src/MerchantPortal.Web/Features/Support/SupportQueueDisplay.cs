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
}
