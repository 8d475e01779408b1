using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MerchantPortal.IntegrationTests.Payments;

/// <summary>Cancelling card orders never keeps the money: paid ones are refunded, waiting payments are called off, late ones refunded.</summary>
public sealed class CardCancellationTests : CardServiceTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Stripe:PaymentTimeout"] = "00:00:00" };

    private OrderCancellationService Cancellation => Host.Core.Get<OrderCancellationService>();

    private Actor MerchantUser => TestActors.MerchantUser(Merchant.Id);

    [Fact]
    public async Task Cancelling_a_paid_card_order_refunds_it_in_full_to_the_card()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        var paid = (await PlaceAsync(customer, card)).Value.Order.Order;
        Assert.Equal((OrderStatus.Pending, PaymentStatus.Paid), (paid.Status, paid.PaymentStatus));

        var cancelled = await Cancellation.CancelAsync(paid.Id, "Customer changed their mind", MerchantUser);

        Assert.Equal((OrderStatus.Cancelled, PaymentStatus.Refunded), (cancelled.Value.Order.Status, cancelled.Value.Order.PaymentStatus));
        var refund = Assert.Single(cancelled.Value.Refunds);
        Assert.Equal((RefundOrigin.Cancellation, RefundStatus.Succeeded, 2_500L), (refund.Origin, refund.Status, refund.AmountMinor));
        var stripeRefund = Assert.Single((await new Stripe.RefundService(Host.Stripe).ListAsync(new RefundListOptions { PaymentIntent = paid.PaymentReference })).Data);
        Assert.Equal(2_500, stripeRefund.Amount);
        await Host.Core.DrainJobsAsync();
        Assert.Empty((await Host.Core.Get<OrderQueries>().GetAsync(paid.Id, Actor.System))!.CodesByLine);
    }

    [Fact]
    public async Task A_reason_longer_than_a_refund_note_is_refused_and_the_paid_order_is_left_as_it_was()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        var paid = (await PlaceAsync(customer, card)).Value.Order.Order;

        var refused = await Cancellation.CancelAsync(paid.Id, new string('r', OrderErrors.MaxCancelReasonLength + 1), MerchantUser);

        Assert.Equal(("CANCEL_REASON_TOO_LONG", "reason"), (refused.Error!.Code, refused.Error.Field));
        var order = (await Host.Core.Get<OrderQueries>().GetAsync(paid.Id, Actor.System))!.Order;
        Assert.Equal((OrderStatus.Pending, PaymentStatus.Paid), (order.Status, order.PaymentStatus));
    }

    [Fact]
    public async Task Cancelling_an_order_waiting_for_3d_secure_calls_its_payment_off_at_stripe()
    {
        var waiting = await WaitingFor3dsAsync();

        var cancelled = await Cancellation.CancelAsync(waiting.Id, null, MerchantUser);

        Assert.Equal((OrderStatus.Cancelled, PaymentStatus.Voided), (cancelled.Value.Order.Status, cancelled.Value.Order.PaymentStatus));
        Assert.Equal("canceled", (await new PaymentIntentService(Host.Stripe).GetAsync(waiting.PaymentReference)).Status);
        Assert.Empty(cancelled.Value.Refunds);
    }

    [Fact]
    public async Task A_payment_completed_after_the_order_was_cancelled_is_refunded_automatically_and_flagged()
    {
        var waiting = await WaitingFor3dsAsync();
        await CancelWhileStripeIsAwayAsync(waiting.Id);
        await AuthenticateAsync(waiting);

        Assert.Equal(WebhookOutcome.Processed, await Host.DeliverEventAsync(waiting.PaymentReference!, "payment_intent.succeeded"));
        await Host.Core.DrainJobsAsync();

        var order = await OrderAsync(waiting.Id);
        Assert.Equal((OrderStatus.Cancelled, PaymentStatus.Refunded, OrderFlags.LatePayment), (order.Status, order.PaymentStatus, order.FlagCode));
        var refund = await SingleRefundAsync();
        Assert.Equal((RefundOrigin.LatePayment, RefundStatus.Succeeded, ActorKind.System), (refund.Origin, refund.Status, refund.RequestedByKind));
        Assert.Single((await new Stripe.RefundService(Host.Stripe).ListAsync(new RefundListOptions { PaymentIntent = waiting.PaymentReference })).Data);
    }

    [Fact]
    public async Task Reconciliation_calls_off_the_payment_of_an_order_cancelled_while_stripe_was_away()
    {
        var waiting = await WaitingFor3dsAsync();
        await CancelWhileStripeIsAwayAsync(waiting.Id);
        Assert.Equal(PaymentStatus.RequiresAction, (await OrderAsync(waiting.Id)).PaymentStatus);

        await Host.Core.Get<PaymentReconciliation>().ReconcileAsync(default);

        Assert.Equal(PaymentStatus.Voided, (await OrderAsync(waiting.Id)).PaymentStatus);
        Assert.Equal("canceled", (await new PaymentIntentService(Host.Stripe).GetAsync(waiting.PaymentReference)).Status);
    }

    [Fact]
    public async Task Reconciliation_refunds_a_cancelled_orders_payment_that_succeeded_without_a_webhook()
    {
        var waiting = await WaitingFor3dsAsync();
        await CancelWhileStripeIsAwayAsync(waiting.Id);
        await AuthenticateAsync(waiting);

        await Host.Core.Get<PaymentReconciliation>().ReconcileAsync(default);
        await Host.Core.DrainJobsAsync();

        Assert.Equal(PaymentStatus.Refunded, (await OrderAsync(waiting.Id)).PaymentStatus);
        Assert.Equal(RefundStatus.Succeeded, (await SingleRefundAsync()).Status);
    }

    [Fact]
    public async Task Cancelling_while_the_payment_succeeds_ends_cancelled_and_refunded_once_whichever_lands_first()
    {
        for (var round = 0; round < 3; round++)
        {
            var waiting = await WaitingFor3dsAsync();
            await AuthenticateAsync(waiting);
            var succeeded = await Host.EventJsonAsync(waiting.PaymentReference!, "payment_intent.succeeded");

            var cancel = Task.Run(() => Cancellation.CancelAsync(waiting.Id, null, MerchantUser));
            var webhook = Task.Run(() => Host.Core.Get<StripeWebhookProcessor>().ProcessAsync(succeeded, CardTestHost.Sign(succeeded), default));
            await Task.WhenAll(cancel, webhook);
            var cancelled = await cancel;
            Assert.True(cancelled.Succeeded, cancelled.Error?.Message);
            await Host.Core.DrainJobsAsync();

            var order = await OrderAsync(waiting.Id);
            Assert.Equal((OrderStatus.Cancelled, PaymentStatus.Refunded), (order.Status, order.PaymentStatus));
            Assert.Single((await new Stripe.RefundService(Host.Stripe).ListAsync(new RefundListOptions { PaymentIntent = waiting.PaymentReference })).Data);
        }
    }

    [Fact]
    public async Task A_crash_before_the_cancellation_commits_leaves_the_paid_order_and_its_money_as_they_were()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        var paid = (await PlaceAsync(customer, card)).Value.Order.Order;
        Host.Core.Get<FailingCommits>().FailCommit();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Cancellation.CancelAsync(paid.Id, null, MerchantUser));

        var order = await OrderAsync(paid.Id);
        Assert.Equal((OrderStatus.Pending, PaymentStatus.Paid), (order.Status, order.PaymentStatus));
        await using var db = await Db();
        Assert.False(await db.Refunds.AnyAsync());
        Assert.Empty((await new Stripe.RefundService(Host.Stripe).ListAsync(new RefundListOptions { PaymentIntent = paid.PaymentReference })).Data);
    }

    [Fact]
    public async Task Support_agents_cannot_cancel_orders()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        var paid = (await PlaceAsync(customer, card)).Value.Order.Order;

        Assert.Equal("CANCEL_NOT_ALLOWED", (await Cancellation.CancelAsync(paid.Id, null, TestActors.Support)).Error!.Code);
        Assert.Equal(OrderStatus.Pending, (await OrderAsync(paid.Id)).Status);
    }

    private async Task<Order> WaitingFor3dsAsync()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_authenticationRequired");
        var order = (await PlaceAsync(customer, card)).Value.Order.Order;
        Assert.Equal(PaymentStatus.RequiresAction, order.PaymentStatus);
        return order;
    }

    private async Task AuthenticateAsync(Order waiting)
    {
        var intent = await new PaymentIntentService(Host.Stripe).GetAsync(waiting.PaymentReference);
        await CardTestHost.AuthenticateAsync(waiting.PaymentActionUrl!, intent.ClientSecret, approve: true);
    }

    private async Task CancelWhileStripeIsAwayAsync(Guid orderId)
    {
        Connection.Down = true;
        try
        {
            Assert.True((await Cancellation.CancelAsync(orderId, null, MerchantUser)).Succeeded);
        }
        finally
        {
            Connection.Down = false;
        }
    }

    private async Task<Order> OrderAsync(Guid id)
    {
        await using var db = await Db();
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    private async Task<MerchantPortal.Refunds.Refund> SingleRefundAsync()
    {
        await using var db = await Db();
        return await db.Refunds.AsNoTracking().SingleAsync();
    }

    private Task<PortalDb> Db() => Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
}
