using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using MudBlazor;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>How an order's facts read on its page.</summary>
public static class OrderFormat
{
    public static string Source(OrderSource source) => source == OrderSource.Api ? "API" : "Dashboard";

    /// <summary>Where the order came from, as the end of a sentence: "in the dashboard", "through the API".</summary>
    public static string Channel(OrderSource source) => source == OrderSource.Api ? "through the API" : "in the dashboard";

    public static string CreatedBy(Order order) => order.CreatedByKind switch
    {
        ActorKind.ApiKey => $"API key {order.CreatedByName}",
        ActorKind.System => "System",
        _ => order.CreatedByName,
    };

    public static string PaymentMethod(PaymentMethodKind method) => method == PaymentMethodKind.Card ? "Card" : "Merchant balance";

    private static string Amount(long minor, string currency) => new Money(minor, Currency.Of(currency)).ToString();

    /// <summary>A key line's count, a top-up's face value, or 1 for a service.</summary>
    public static string Quantity(OrderLine line, string currency) => line.Type switch
    {
        ProductType.TopUp when line.FaceValueMinor is { } face => $"{Amount(face, currency)} face value",
        _ => line.Units.ToString(CultureInfo.InvariantCulture),
    };

    public static Color EventColor(string type) => type switch
    {
        OrderEventTypes.Completed or OrderEventTypes.LineDelivered or OrderEventTypes.PaymentSucceeded or OrderEventTypes.FlagCleared => Color.Success,
        OrderEventTypes.Partial or OrderEventTypes.PaymentRequiresAction or OrderEventTypes.RefundAwaitingApproval
            or OrderEventTypes.RefundReversed => Color.Warning,
        OrderEventTypes.Failed or OrderEventTypes.LineFailed or OrderEventTypes.PaymentFailed or OrderEventTypes.RefundFailed => Color.Error,
        OrderEventTypes.Refunded or OrderEventTypes.FulfilmentStarted or OrderEventTypes.FulfilmentRetried or OrderEventTypes.RefundRequested
            or OrderEventTypes.RefundApproved or OrderEventTypes.CodesEmailRequested or OrderEventTypes.CodesEmailed => Color.Info,
        _ => Color.Default,
    };
}
