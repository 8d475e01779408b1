using MerchantPortal.Catalog;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Webhooks;

namespace MerchantPortal.ComponentTests.Shared;

/// <summary>Every status the portal shows has its own words.</summary>
public sealed class StatusDisplayTests
{
    [Fact]
    public void Every_order_payment_fulfilment_and_refund_status_product_type_and_webhook_state_has_a_label_of_its_own()
    {
        AssertDistinct(Enum.GetValues<OrderStatus>().Select(s => StatusDisplay.Of(s).Label));
        AssertDistinct(Enum.GetValues<PaymentStatus>().Select(s => StatusDisplay.Of(s).Label));
        AssertDistinct(Enum.GetValues<FulfillmentStatus>().Select(s => StatusDisplay.Of(s).Label));
        AssertDistinct(Enum.GetValues<RefundStatus>().Select(s => StatusDisplay.Of(s).Label));
        AssertDistinct(Enum.GetValues<ProductType>().Select(s => StatusDisplay.Of(s).Label));
        AssertDistinct(Enum.GetValues<WebhookEndpointState>().Select(s => StatusDisplay.Of(s).Label));
        AssertDistinct(Enum.GetValues<WebhookDeliveryStatus>().Select(s => StatusDisplay.Of(s).Label));
    }

    [Fact]
    public void A_voided_payment_reads_as_voided()
    {
        Assert.Equal("Voided", StatusDisplay.Of(PaymentStatus.Voided).Label);
    }

    private static void AssertDistinct(IEnumerable<string> labels)
    {
        var all = labels.ToList();
        Assert.All(all, label => Assert.False(string.IsNullOrWhiteSpace(label)));
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }
}
