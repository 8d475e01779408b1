using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Events;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Stripe;
using RefundService = MerchantPortal.Refunds.RefundService;

namespace MerchantPortal.IntegrationTests.Refunds;

/// <summary>Refunds to the card: Stripe Refunds made through Stripe.net against the sandbox, and what happens when they fail.</summary>
public sealed class CardRefundTests : CardServiceTest
{
    [Fact]
    public async Task A_refund_to_the_card_makes_one_stripe_refund_of_exactly_the_units_share()
    {
        var order = await PartialCardOrderAsync("pm_card_visa", units: 4, inStock: 1);

        var refunded = await RefundAsync(order, 3);

        var refund = refunded.Value.Refund;
        Assert.Equal((RefundStatus.Succeeded, 7_500L), (refund.Status, refund.AmountMinor));
        var stripeRefund = Assert.Single(await StripeRefundsOfAsync(order));
        Assert.Equal((refund.StripeRefundId, 7_500L, "succeeded"), (stripeRefund.Id, stripeRefund.Amount, stripeRefund.Status));
        Assert.Equal(refund.Id.ToString(), stripeRefund.Metadata["refund_id"]);
        var after = await OrderAsync(order.Id);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 7_500L), (after.PaymentStatus, after.RefundedMinor));
    }

    [Fact]
    public async Task A_card_order_can_also_be_refunded_to_the_merchant_balance()
    {
        var order = await PartialCardOrderAsync("pm_card_visa", units: 2, inStock: 1);
        var before = await BalanceAsync();

        var refunded = await RefundAsync(order, 1, RefundDestination.Balance);

        Assert.Equal(RefundStatus.Succeeded, refunded.Value.Refund.Status);
        Assert.Equal(before + 2_500, await BalanceAsync());
        Assert.Empty(await StripeRefundsOfAsync(order));
    }

    [Fact]
    public async Task A_stripe_refund_that_fails_after_succeeding_is_reversed_flagged_audited_and_can_be_retried_to_the_balance()
    {
        var order = await PartialCardOrderAsync("pm_card_refundFail", units: 3, inStock: 1);
        var refund = (await RefundAsync(order, 2)).Value.Refund;
        Assert.Equal(RefundStatus.Succeeded, refund.Status);

        await WaitForStripeRefundAsync(refund.StripeRefundId!, "failed");
        Assert.Equal(WebhookOutcome.Processed, await Host.DeliverEventAsync(refund.StripeRefundId!, "charge.refund.updated"));
        Assert.Equal(WebhookOutcome.Processed, await Host.DeliverEventAsync(refund.StripeRefundId!, "refund.failed"));

        var after = await OrderAsync(order.Id);
        Assert.Equal((PaymentStatus.Paid, 0L, OrderFlags.RefundFailed), (after.PaymentStatus, after.RefundedMinor, after.FlagCode));
        Assert.Equal((0, 0L, 2), (after.Lines[0].RefundedUnits, after.Lines[0].RefundedMinor, after.Lines[0].RemainingUnits));
        await using (var db = await Db())
        {
            var failed = await db.Refunds.SingleAsync();
            Assert.Equal(RefundStatus.Failed, failed.Status);
            Assert.Contains("expired", failed.FailureReason, StringComparison.Ordinal);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.RefundFailed && a.TargetId == refund.Id.ToString()));
            Assert.True(await db.OrderEvents.AnyAsync(e => e.OrderId == order.Id && e.Type == OrderEventTypes.RefundReversed));
            Assert.Equal(1, await db.IntegrationEvents.CountAsync(e => e.OrderId == order.Id && e.Type == IntegrationEventTypes.RefundFailed));
        }

        var before = await BalanceAsync();
        var retried = await Host.Core.Get<RefundService>().RetryAsync(refund.Id, RefundDestination.Balance, TestActors.Support);
        var again = await Host.Core.Get<RefundService>().RetryAsync(refund.Id, RefundDestination.Balance, TestActors.Support);

        Assert.Equal((RefundStatus.Succeeded, refund.Id, 5_000L), (retried.Value.Refund.Status, retried.Value.Refund.RetryOfId, retried.Value.Refund.AmountMinor));
        Assert.Equal(before + 5_000, await BalanceAsync());
        Assert.Equal("REFUND_ALREADY_RETRIED", again.Error!.Code);
    }

    [Fact]
    public async Task A_pending_stripe_refund_succeeds_when_stripe_says_so()
    {
        var order = await PartialCardOrderAsync("pm_card_pendingRefund", units: 2, inStock: 1);
        var refund = (await RefundAsync(order, 1)).Value.Refund;
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Equal(0, (await OrderAsync(order.Id)).RefundedMinor);

        await WaitForStripeRefundAsync(refund.StripeRefundId!, "succeeded");
        await Host.DeliverEventAsync(refund.StripeRefundId!, "charge.refund.updated");

        var after = await OrderAsync(order.Id);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 2_500L), (after.PaymentStatus, after.RefundedMinor));
    }

    [Fact]
    public async Task A_crash_between_the_stripe_refund_and_its_commit_is_finished_later_without_a_second_stripe_refund()
    {
        var order = await PartialCardOrderAsync("pm_card_visa", units: 3, inStock: 1);

        // The refund is booked (first commit); the commit after Stripe answered is lost.
        Host.Core.Get<FailingCommits>().FailCommit(commitsFirst: 1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => RefundAsync(order, 2));
        var stuck = await SingleRefundAsync();
        Assert.Equal((RefundStatus.Pending, null), (stuck.Status, stuck.StripeRefundId));
        Assert.Single(await StripeRefundsOfAsync(order));

        await Host.Core.Get<RefundReconciliation>().ReconcileAsync(default);

        var settled = await SingleRefundAsync();
        Assert.Equal(RefundStatus.Succeeded, settled.Status);
        var stripeRefund = Assert.Single(await StripeRefundsOfAsync(order));
        Assert.Equal(settled.StripeRefundId, stripeRefund.Id);
        Assert.Equal(5_000, (await OrderAsync(order.Id)).RefundedMinor);
    }

    [Fact]
    public async Task When_stripe_is_away_the_refund_waits_pending_and_is_sent_once_later()
    {
        var order = await PartialCardOrderAsync("pm_card_visa", units: 3, inStock: 1);
        Connection.FailingPath = "/v1/refunds";
        Connection.Down = true;

        var refunded = await RefundAsync(order, 2);

        Assert.Equal((RefundStatus.Pending, null), (refunded.Value.Refund.Status, refunded.Value.Refund.StripeRefundId));
        Connection.Down = false;
        await Host.Core.Get<RefundReconciliation>().ReconcileAsync(default);
        await Host.Core.Get<RefundReconciliation>().ReconcileAsync(default);

        Assert.Equal(RefundStatus.Succeeded, (await SingleRefundAsync()).Status);
        Assert.Single(await StripeRefundsOfAsync(order));
    }

    [Fact]
    public async Task Two_agents_refunding_a_card_order_at_once_make_one_stripe_refund()
    {
        var order = await PartialCardOrderAsync("pm_card_visa", units: 4, inStock: 1);

        var results = await Task.WhenAll(
            Task.Run(() => RefundAsync(order, 3, actor: TestActors.Support)),
            Task.Run(() => RefundAsync(order, 3, actor: TestActors.SecondSupport)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Contains("already refunded", Assert.Single(results, r => !r.Succeeded).Error!.Message, StringComparison.Ordinal);
        Assert.Single(await StripeRefundsOfAsync(order));
    }

    [Fact]
    public async Task An_order_still_awaiting_its_card_payment_has_nothing_to_refund()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_authenticationRequired");
        var waiting = (await PlaceAsync(customer, card)).Value.Order.Order;

        var refused = await Host.Core.Get<RefundService>().RequestAsync(new RequestRefund(waiting.Id, null, null, RefundReason.Undelivered), TestActors.Support);

        Assert.Equal("ORDER_NOT_PAID", refused.Error!.Code);
        await using var db = await Db();
        Assert.False(await db.Refunds.AnyAsync());
    }

    [Fact]
    public async Task A_stripe_refund_answer_arriving_twice_at_once_reverses_a_failed_refund_once()
    {
        var order = await PartialCardOrderAsync("pm_card_refundFail", units: 3, inStock: 1);
        var refund = (await RefundAsync(order, 2)).Value.Refund;
        await WaitForStripeRefundAsync(refund.StripeRefundId!, "failed");

        await Task.WhenAll(
            Task.Run(() => Host.DeliverEventAsync(refund.StripeRefundId!, "refund.failed")),
            Task.Run(() => Host.Core.Get<RefundSubmitter>().SubmitAsync(refund.Id, default)));

        var after = await OrderAsync(order.Id);
        Assert.Equal((0, 0L, 0L), (after.Lines[0].RefundedUnits, after.Lines[0].RefundedMinor, after.RefundedMinor));
        await using var db = await Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.RefundFailed));
        Assert.Equal(1, await db.IntegrationEvents.CountAsync(e => e.Type == IntegrationEventTypes.RefundFailed));
    }

    /// <summary>A card order of <paramref name="units"/> $25.00 keys of which <paramref name="inStock"/> were delivered.</summary>
    private async Task<Order> PartialCardOrderAsync(string testCard, int units, int inStock)
    {
        var key = await Host.Core.Catalog.KeyItemAsync(unitPriceMinor: 2_500, codes: inStock);
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, testCard);
        var placed = await Host.Core.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(Merchant.Id, new CustomerRef(CustomerId: customer.Id), [new PlaceOrderLine(key.Id, units)],
                new PaymentChoice(PaymentMethodKind.Card, card, "http://localhost/orders/{order_id}/payment-return"), OrderSource.Api),
            Actor.System);
        await Host.Core.DrainJobsAsync();
        var order = await OrderAsync(placed.Value.Order.Order.Id);
        Assert.Equal((OrderStatus.Partial, PaymentStatus.Paid), (order.Status, order.PaymentStatus));
        return order;
    }

    private Task<Common.Result<RequestedRefund>> RefundAsync(Order order, int units, RefundDestination? destination = null, Actor? actor = null) =>
        Host.Core.Get<RefundService>().RequestAsync(
            new RequestRefund(order.Id, [new RefundLineRequest(order.Lines[0].Id, units)], destination, RefundReason.Undelivered), actor ?? TestActors.Support);

    private async Task<IReadOnlyList<Stripe.Refund>> StripeRefundsOfAsync(Order order) =>
        (await new Stripe.RefundService(Host.Stripe).ListAsync(new RefundListOptions { PaymentIntent = order.PaymentReference })).Data;

    private async Task WaitForStripeRefundAsync(string stripeRefundId, string status)
    {
        var refunds = new Stripe.RefundService(Host.Stripe);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if ((await refunds.GetAsync(stripeRefundId)).Status == status)
            {
                return;
            }
        }

        throw new TimeoutException($"The sandbox never made {stripeRefundId} {status}.");
    }

    private async Task<Order> OrderAsync(Guid id)
    {
        await using var db = await Db();
        return await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == id);
    }

    private async Task<MerchantPortal.Refunds.Refund> SingleRefundAsync()
    {
        await using var db = await Db();
        return await db.Refunds.AsNoTracking().SingleAsync();
    }

    private async Task<long> BalanceAsync() => (await Host.Core.Get<MerchantPortal.Ledger.LedgerService>().GetBalanceAsync(Merchant.Id, Actor.System))!.Value.Minor;

    private Task<PortalDb> Db() => Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
}
