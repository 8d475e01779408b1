using MerchantPortal.Catalog;
using MerchantPortal.Orders;
using MudBlazor;

namespace MerchantPortal.Web.Components.Shared;

/// <summary>How statuses read and look everywhere in the portal: the same words as the API, in plain English.</summary>
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
        _ => ("Cancelled", Color.Default),
    };

    public static (string Label, Color Color) Of(PaymentStatus status) => status switch
    {
        PaymentStatus.Unpaid => ("Unpaid", Color.Default),
        PaymentStatus.RequiresAction => ("Requires action", Color.Warning),
        PaymentStatus.Paid => ("Paid", Color.Success),
        PaymentStatus.PartiallyRefunded => ("Partially refunded", Color.Info),
        PaymentStatus.Refunded => ("Refunded", Color.Info),
        _ => ("Failed", Color.Error),
    };

    public static (string Label, Color Color) Of(FulfillmentStatus status) => status switch
    {
        FulfillmentStatus.Unfulfilled => ("Unfulfilled", Color.Default),
        FulfillmentStatus.InProgress => ("In progress", Color.Info),
        FulfillmentStatus.Partial => ("Partial", Color.Warning),
        _ => ("Fulfilled", Color.Success),
    };

    public static (string Label, Color Color) Of(ProductType type) => type switch
    {
        ProductType.Key => ("Key", Color.Primary),
        ProductType.TopUp => ("Top-up", Color.Secondary),
        _ => ("Service", Color.Tertiary),
    };
}
