using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Orders;

namespace MerchantPortal.UnitTests.Orders;

public sealed class OrderStateMachineTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_paid_order_moves_through_processing_to_completed()
    {
        var order = NewOrder(units: 2);

        order.MarkPaid("balance", "Paid.", Now);
        Assert.Equal((OrderStatus.Pending, PaymentStatus.Paid), (order.Status, order.PaymentStatus));
        order.StartFulfilment(Now);
        Assert.Equal((OrderStatus.Processing, FulfillmentStatus.InProgress), (order.Status, order.FulfillmentStatus));
        order.RecordDelivery(order.Lines[0], 2, null, Now);
        order.FinishFulfilment(Now);

        Assert.Equal((OrderStatus.Completed, FulfillmentStatus.Fulfilled), (order.Status, order.FulfillmentStatus));
        Assert.Equal(Now, order.CompletedAt);
    }

    [Fact]
    public void Some_units_delivered_is_partial_and_none_is_failed_with_the_line_error()
    {
        var partial = Processing(units: 3);
        partial.RecordDelivery(partial.Lines[0], 1, null, Now);
        partial.RecordLineFailure(partial.Lines[0], OrderErrorCodes.OutOfStock, "Out of stock.", Now);
        partial.FinishFulfilment(Now);

        var failed = Processing(units: 3);
        failed.RecordLineFailure(failed.Lines[0], OrderErrorCodes.OutOfStock, "Out of stock.", Now);
        failed.FinishFulfilment(Now);

        Assert.Equal(OrderStatus.Partial, partial.Status);
        Assert.Equal(2, partial.Lines[0].RemainingUnits);
        Assert.Equal((OrderStatus.Failed, OrderErrorCodes.OutOfStock), (failed.Status, failed.ErrorCode));
    }

    [Fact]
    public void Fulfilment_cannot_finish_while_a_line_is_unsettled()
    {
        var order = Processing(units: 2);
        order.RecordDelivery(order.Lines[0], 1, null, Now);

        Assert.Throws<InvalidOperationException>(() => order.FinishFulfilment(Now));
    }

    [Fact]
    public void Delivered_units_never_go_down_or_beyond_the_quantity()
    {
        var order = Processing(units: 2);
        order.RecordDelivery(order.Lines[0], 2, null, Now);

        Assert.Throws<InvalidOperationException>(() => order.RecordDelivery(order.Lines[0], 1, null, Now));
        Assert.Throws<InvalidOperationException>(() => order.RecordDelivery(order.Lines[0], 3, null, Now));
    }

    [Fact]
    public void Only_orders_awaiting_payment_or_pending_can_be_cancelled()
    {
        var pending = NewOrder(units: 1);
        pending.MarkPaid("balance", "Paid.", Now);
        var processing = Processing(units: 1);

        pending.Cancel("Customer changed their mind.", Now);

        Assert.Equal(OrderStatus.Cancelled, pending.Status);
        Assert.False(processing.CanCancel);
        Assert.Throws<InvalidOperationException>(() => processing.Cancel("Too late.", Now));
    }

    [Fact]
    public void Payment_cannot_be_taken_twice()
    {
        var order = NewOrder(units: 1);
        order.MarkPaid("balance", "Paid.", Now);

        Assert.Throws<InvalidOperationException>(() => order.MarkPaid("balance", "Paid again.", Now));
    }

    private static Order Processing(int units)
    {
        var order = NewOrder(units);
        order.MarkPaid("balance", "Paid.", Now);
        order.StartFulfilment(Now);
        return order;
    }

    private static Order NewOrder(int units)
    {
        var item = CatalogItem.Create(new SaveCatalogItem("K", "Key", null, ProductType.Key, "USD", UnitPriceMinor: 100, MaxQuantity: 10), Now);
        var priced = new PricedLine(item, OrderPricing.Price(item, units, null, 0, 0), []);
        return Order.Create(new NewOrder(Guid.NewGuid(), 1, Guid.NewGuid(), Guid.NewGuid(), null, null, "hash", OrderSource.Dashboard,
            Actor.System, PaymentMethodKind.Balance, null, [], new Dictionary<string, string>()), [priced], Now);
    }
}
