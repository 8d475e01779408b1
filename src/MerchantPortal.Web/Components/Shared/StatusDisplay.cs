using MerchantPortal.ApiKeys;
using MerchantPortal.Catalog;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Webhooks;
using MudBlazor;

namespace MerchantPortal.Web.Components.Shared;

/// <summary>
/// How statuses read and look everywhere in the portal: the same words as the API, in plain English. Every
/// value is named, so a value added to an enum fails loudly (and in the tests) instead of borrowing another's label.
/// </summary>
public static class StatusDisplay
{
    public static (string Label, Color Color) Of(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingPayment => ("Awaiting payment", Color.Warning),
        OrderStatus.Pending => ("Pending", Color.Info),
        OrderStatus.Processing => ("Processing", Color.Info),
        OrderStatus.Completed => ("Completed", Color.Success),
        OrderStatus.Partial => ("Partial", Color.Warning),
        OrderStatus.Failed => ("Failed", Color.Error),
        OrderStatus.Cancelled => ("Cancelled", Color.Default),
        _ => throw Unknown(status),
    };

    public static (string Label, Color Color) Of(PaymentStatus status) => status switch
    {
        PaymentStatus.Unpaid => ("Unpaid", Color.Default),
        PaymentStatus.RequiresAction => ("Requires action", Color.Warning),
        PaymentStatus.Paid => ("Paid", Color.Success),
        PaymentStatus.PartiallyRefunded => ("Partially refunded", Color.Info),
        PaymentStatus.Refunded => ("Refunded", Color.Info),
        PaymentStatus.Voided => ("Voided", Color.Default),
        PaymentStatus.Failed => ("Failed", Color.Error),
        _ => throw Unknown(status),
    };

    public static (string Label, Color Color) Of(FulfillmentStatus status) => status switch
    {
        FulfillmentStatus.Unfulfilled => ("Unfulfilled", Color.Default),
        FulfillmentStatus.InProgress => ("In progress", Color.Info),
        FulfillmentStatus.Partial => ("Partial", Color.Warning),
        FulfillmentStatus.Fulfilled => ("Fulfilled", Color.Success),
        _ => throw Unknown(status),
    };

    public static (string Label, Color Color) Of(RefundStatus status) => status switch
    {
        RefundStatus.PendingApproval => ("Awaiting approval", Color.Warning),
        RefundStatus.Rejected => ("Rejected", Color.Default),
        RefundStatus.Pending => ("Pending", Color.Info),
        RefundStatus.Succeeded => ("Succeeded", Color.Success),
        RefundStatus.Failed => ("Failed", Color.Error),
        _ => throw Unknown(status),
    };

    public static (string Label, Color Color) Of(ProductType type) => type switch
    {
        ProductType.Key => ("Key", Color.Primary),
        ProductType.TopUp => ("Top-up", Color.Secondary),
        ProductType.Service => ("Service", Color.Tertiary),
        _ => throw Unknown(type),
    };

    public static (string Label, Color Color) Of(WebhookEndpointState state) => state switch
    {
        WebhookEndpointState.Active => ("Active", Color.Success),
        WebhookEndpointState.Paused => ("Paused", Color.Warning),
        WebhookEndpointState.Disabled => ("Disabled", Color.Default),
        _ => throw Unknown(state),
    };

    public static (string Label, Color Color) Of(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => ("Pending", Color.Info),
        WebhookDeliveryStatus.Succeeded => ("Succeeded", Color.Success),
        WebhookDeliveryStatus.Failed => ("Failed", Color.Error),
        WebhookDeliveryStatus.Skipped => ("Skipped", Color.Default),
        _ => throw Unknown(status),
    };

    public static (string Label, Color Color) Of(ApiKeyStatus status) => status switch
    {
        ApiKeyStatus.Active => ("Active", Color.Success),
        ApiKeyStatus.Expiring => ("Expiring (rolled)", Color.Warning),
        ApiKeyStatus.Expired => ("Expired", Color.Default),
        ApiKeyStatus.Revoked => ("Revoked", Color.Error),
        _ => throw Unknown(status),
    };

    private static ArgumentOutOfRangeException Unknown<TEnum>(TEnum value) where TEnum : struct, Enum =>
        new(nameof(value), value, $"{typeof(TEnum).Name} {value} has no display.");
}
