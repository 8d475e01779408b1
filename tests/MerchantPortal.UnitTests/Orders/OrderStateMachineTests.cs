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

    [Fact]
    public void Refunds_move_the_payment_status_and_a_reversed_one_moves_it_back()
    {
        var order = NewOrder(units: 4);
        order.MarkPaid("balance", "Paid.", Now);

        order.RecordRefund(100, "Refunded one.", Now);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 100L), (order.PaymentStatus, order.RefundedMinor));
        order.RecordRefund(300, "Refunded the rest.", Now);
        Assert.Equal(PaymentStatus.Refunded, order.PaymentStatus);
        Assert.Throws<InvalidOperationException>(() => order.RecordRefund(1, "More than paid.", Now));

        order.ReverseRefund(300, "The card refund failed.", Now);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 100L), (order.PaymentStatus, order.RefundedMinor));
        order.ReverseRefund(100, "That one too.", Now);
        Assert.Equal((PaymentStatus.Paid, 0L), (order.PaymentStatus, order.RefundedMinor));
    }

    [Fact]
    public void Paying_charges_every_line_in_full()
    {
        var order = NewOrder(units: 3);

        order.MarkPaid("balance", "Paid.", Now);

        Assert.All(order.Lines, l => Assert.Equal(l.TotalMinor, l.ChargedMinor));
    }

    [Fact]
    public void A_retry_sends_the_undelivered_units_back_and_delivering_them_ends_the_order_completed()
    {
        var order = Processing(units: 3);
        order.RecordDelivery(order.Lines[0], 1, null, Now);
        order.RecordLineFailure(order.Lines[0], OrderErrorCodes.OutOfStock, "Out of stock.", Now);
        order.FinishFulfilment(Now);
        Assert.True(order.CanRetryFulfilment);

        order.RetryFulfilment("Sam Support", Now);
        Assert.Equal((OrderStatus.Processing, FulfillmentStatus.InProgress, null), (order.Status, order.FulfillmentStatus, order.Lines[0].FailureCode));
        Assert.False(order.Lines[0].IsSettled);
        order.RecordDelivery(order.Lines[0], 3, null, Now);
        order.FinishFulfilment(Now);

        Assert.Equal((OrderStatus.Completed, FulfillmentStatus.Fulfilled), (order.Status, order.FulfillmentStatus));
        Assert.Contains(order.Events, e => e.Type == OrderEventTypes.FulfilmentRetried);
        Assert.False(order.CanRetryFulfilment);
    }

    [Fact]
    public void A_completed_or_unpaid_order_cannot_be_retried()
    {
        var completed = Processing(units: 1);
        completed.RecordDelivery(completed.Lines[0], 1, null, Now);
        completed.FinishFulfilment(Now);

        Assert.Throws<InvalidOperationException>(() => completed.RetryFulfilment("Sam", Now));
        Assert.False(NewOrder(units: 1).CanRetryFulfilment);
    }

    [Fact]
    public void A_payment_arriving_after_cancellation_marks_the_order_paid_and_flags_it_once()
    {
        var order = NewOrder(units: 2, PaymentMethodKind.Card);
        order.Cancel("Customer changed their mind.", Now);

        order.RecordLatePayment("pi_1", "pm_1", "visa", "4242", "Stripe took $2.00 after the order was cancelled.", Now);

        Assert.Equal((OrderStatus.Cancelled, PaymentStatus.Paid, OrderFlags.LatePayment), (order.Status, order.PaymentStatus, order.FlagCode));
        Assert.Equal(("pi_1", "4242"), (order.PaymentReference, order.CardLast4));
        Assert.Throws<InvalidOperationException>(() => order.RecordLatePayment("pi_1", null, null, null, "Again.", Now));
        order.ClearFlag("Sam Support", Now);
        Assert.Null(order.FlagCode);
    }

    [Fact]
    public void A_cancelled_orders_waiting_payment_can_be_voided_but_a_paid_one_cannot()
    {
        var waiting = NewOrder(units: 1, PaymentMethodKind.Card);
        waiting.Cancel("Changed mind.", Now);
        var paid = NewOrder(units: 1);
        paid.MarkPaid("balance", "Paid.", Now);
        paid.Cancel("Changed mind.", Now);

        waiting.VoidPayment("Called off at Stripe.", Now);

        Assert.Equal(PaymentStatus.Voided, waiting.PaymentStatus);
        Assert.Throws<InvalidOperationException>(() => paid.VoidPayment("No.", Now));
    }

    private static Order Processing(int units)
    {
        var order = NewOrder(units);
        order.MarkPaid("balance", "Paid.", Now);
        order.StartFulfilment(Now);
        return order;
    }

    private static Order NewOrder(int units, PaymentMethodKind payment = PaymentMethodKind.Balance)
    {
        var item = CatalogItem.Create(new SaveCatalogItem("K", "Key", null, ProductType.Key, "USD", UnitPriceMinor: 100, MaxQuantity: 10), Now);
        var priced = new PricedLine(item, OrderPricing.Price(item, units, null, 0, 0), []);
        return Order.Create(new NewOrder(Guid.NewGuid(), 1, Guid.NewGuid(), Guid.NewGuid(), null, null, "hash", OrderSource.Dashboard,
            Actor.System, payment, null, [], new Dictionary<string, string>()), [priced], Now);
    }
}
