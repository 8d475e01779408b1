using MerchantPortal.Auditing;
using MerchantPortal.Ledger;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Refunds;

public sealed class BalanceRefundTests : RefundTestBase
{
    [Fact]
    public async Task Refunding_undelivered_units_to_the_balance_credits_it_at_once_and_records_everything()
    {
        var (merchant, order) = await PartialOrderAsync(units: 5, inStock: 2);
        var before = await BalanceAsync(merchant.Id);

        var refunded = await RefundAsync(order, 3);

        var refund = refunded.Value.Refund;
        Assert.Equal((RefundStatus.Succeeded, RefundDestination.Balance, 6_645L), (refund.Status, refund.Destination, refund.AmountMinor));
        Assert.Equal(before + 6_645, await BalanceAsync(merchant.Id));
        var after = await OrderAsync(order.Id);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 6_645L), (after.PaymentStatus, after.RefundedMinor));
        Assert.Equal((3, 6_645L, 0), (after.Lines[0].RefundedUnits, after.Lines[0].RefundedMinor, after.Lines[0].RemainingUnits));
        await using var db = await Db();
        var entry = await db.LedgerEntries.SingleAsync(e => e.Kind == LedgerEntryKind.Refund);
        Assert.Equal(($"refund:{refund.Id}", 6_645L, "Sam Support"), (entry.IdempotencyKey, entry.AmountMinor, entry.ActorName));
        Assert.Contains(await db.OrderEvents.Where(e => e.OrderId == order.Id).Select(e => e.Type).ToListAsync(), t => t == OrderEventTypes.RefundRequested);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.RefundRequested && a.TargetId == refund.Id.ToString()));
    }

    [Fact]
    public async Task Partial_refunds_in_any_steps_reach_exactly_the_paid_share_of_the_undelivered_units()
    {
        var (_, order) = await PartialOrderAsync(units: 7, inStock: 1);

        var amounts = new List<long>();
        foreach (var units in new[] { 2, 1, 3 })
        {
            amounts.Add((await RefundAsync(order, units)).Value.Refund.AmountMinor);
        }

        // 7 × $20.00 + 2.5% + 8.25% = $155.05; the six undelivered units are worth 6/7 of each part, rounded down.
        Assert.Equal(12_000 + 300 + 990, amounts.Sum());
        var after = await OrderAsync(order.Id);
        Assert.Equal(0, after.Lines[0].RemainingUnits);
        Assert.Equal(after.TotalMinor - (2_000 + 50 + 165), after.RefundedMinor);
        Assert.Equal("NOTHING_TO_REFUND", (await Refunds.RequestAsync(new RequestRefund(order.Id, null, null, RefundReason.Undelivered), TestActors.Support)).Error!.Code);
    }

    [Fact]
    public async Task More_units_than_are_left_is_refused_and_changes_nothing()
    {
        var (_, order) = await PartialOrderAsync(units: 5, inStock: 2);
        var state = await MoneyStateAsync(order.Id);

        var refused = await RefundAsync(order, 4);

        Assert.Equal(("REFUND_UNITS_UNAVAILABLE", "lines[0].quantity"), (refused.Error!.Code, refused.Error.Field));
        Assert.Contains("Only 3 unit(s)", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(state, await MoneyStateAsync(order.Id));
    }

    [Fact]
    public async Task A_delivered_unit_is_never_refunded()
    {
        var (_, order) = await PartialOrderAsync(units: 2, inStock: 2);
        var state = await MoneyStateAsync(order.Id);
        Assert.Equal(OrderStatus.Completed, order.Status);

        var refused = await RefundAsync(order, 1);

        Assert.Equal("REFUND_UNITS_UNAVAILABLE", refused.Error!.Code);
        Assert.Contains("2 delivered", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(state, await MoneyStateAsync(order.Id));
    }

    [Fact]
    public async Task A_cancelled_order_was_refunded_in_full_and_refuses_another_refund()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 2_500, codes: 5);
        var placed = await Host.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new MerchantPortal.Customers.CustomerRef(Email: "c@test.example"), [new PlaceOrderLine(key.Id, 2)], PaymentChoice.Balance, OrderSource.Dashboard),
            TestActors.MerchantUser(merchant.Id));

        var cancelled = await Host.Get<OrderCancellationService>().CancelAsync(placed.Value.Order.Order.Id, "Wrong item", TestActors.MerchantUser(merchant.Id));
        var refund = Assert.Single(cancelled.Value.Refunds);
        Assert.Equal((RefundOrigin.Cancellation, RefundStatus.Succeeded, 5_000L), (refund.Origin, refund.Status, refund.AmountMinor));
        Assert.Equal(10_000, await BalanceAsync(merchant.Id));
        var state = await MoneyStateAsync(refund.OrderId);

        var refused = await Refunds.RequestAsync(new RequestRefund(refund.OrderId, null, null, RefundReason.Undelivered), TestActors.Support);

        Assert.Equal("ORDER_CANCELLED", refused.Error!.Code);
        Assert.Equal(state, await MoneyStateAsync(refund.OrderId));
    }

    [Fact]
    public async Task A_merchant_user_cannot_refund_and_nothing_changes()
    {
        var (merchant, order) = await PartialOrderAsync();
        var state = await MoneyStateAsync(order.Id);

        var refused = await RefundAsync(order, 1, actor: TestActors.MerchantUser(merchant.Id));

        Assert.Equal("REFUND_NOT_ALLOWED", refused.Error!.Code);
        Assert.Equal(state, await MoneyStateAsync(order.Id));
    }

    [Fact]
    public async Task An_api_key_refunds_only_its_own_merchants_orders()
    {
        var (merchant, order) = await PartialOrderAsync();
        var (_, others) = await PartialOrderAsync();
        var key = Actor.ApiKey("key_1", "Shop key", merchant.Id, new HashSet<string> { MerchantPortal.Identity.Scopes.RefundsWrite });

        var own = await RefundAsync(order, 1, actor: key);
        var foreign = await RefundAsync(others, 1, actor: key);

        Assert.True(own.Succeeded);
        Assert.Equal("ORDER_NOT_FOUND", foreign.Error!.Code);
    }

    [Fact]
    public async Task A_balance_order_cannot_be_refunded_to_a_card()
    {
        var (_, order) = await PartialOrderAsync();
        var state = await MoneyStateAsync(order.Id);

        var refused = await RefundAsync(order, 1, RefundDestination.OriginalPaymentMethod);

        Assert.Equal(("REFUND_DESTINATION_UNAVAILABLE", "destination"), (refused.Error!.Code, refused.Error.Field));
        Assert.Equal(state, await MoneyStateAsync(order.Id));
    }

    [Fact]
    public async Task The_reason_other_needs_a_note()
    {
        var (_, order) = await PartialOrderAsync();

        var refused = await Refunds.RequestAsync(
            new RequestRefund(order.Id, [new RefundLineRequest(order.Lines[0].Id, 1)], null, RefundReason.Other, Note: "  "), TestActors.Support);

        Assert.Equal(("REFUND_NOTE_REQUIRED", "note"), (refused.Error!.Code, refused.Error.Field));
    }

    [Fact]
    public async Task Resending_with_the_same_idempotency_key_returns_the_same_refund_and_a_different_request_conflicts()
    {
        var (merchant, order) = await PartialOrderAsync();
        var first = await RefundAsync(order, 1, key: "refund-42");
        var balance = await BalanceAsync(merchant.Id);

        var again = await RefundAsync(order, 1, key: "refund-42");
        var different = await RefundAsync(order, 2, key: "refund-42");

        Assert.True(again.Value.Replayed);
        Assert.Equal(first.Value.Refund.Id, again.Value.Refund.Id);
        Assert.Equal("IDEMPOTENCY_KEY_CONFLICT", different.Error!.Code);
        Assert.Equal(balance, await BalanceAsync(merchant.Id));
    }

    [Fact]
    public async Task Two_agents_refunding_the_same_units_at_once_make_exactly_one_refund()
    {
        var (merchant, order) = await PartialOrderAsync(units: 5, inStock: 2);
        var before = await BalanceAsync(merchant.Id);

        var results = await Task.WhenAll(
            Task.Run(() => RefundAsync(order, 3, actor: TestActors.Support)),
            Task.Run(() => RefundAsync(order, 3, actor: TestActors.SecondSupport)));

        var won = Assert.Single(results, r => r.Succeeded);
        var lost = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal("REFUND_UNITS_UNAVAILABLE", lost.Error!.Code);
        Assert.Contains("already refunded", lost.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before + won.Value.Refund.AmountMinor, await BalanceAsync(merchant.Id));
        await using var db = await Db();
        Assert.Equal(1, await db.Refunds.CountAsync(r => r.OrderId == order.Id));
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Refund));
        Assert.Equal(await db.LedgerEntries.Where(e => e.MerchantId == merchant.Id).SumAsync(e => e.AmountMinor), await BalanceAsync(merchant.Id));
    }

    [Fact]
    public async Task A_crash_before_the_commit_leaves_no_refund_no_credit_and_no_held_units()
    {
        var (_, order) = await PartialOrderAsync();
        var state = await MoneyStateAsync(order.Id);
        Host.Get<FailingCommits>().FailCommit();

        await Assert.ThrowsAsync<InvalidOperationException>(() => RefundAsync(order, 2));

        Assert.Equal(state, await MoneyStateAsync(order.Id));
        Assert.True((await RefundAsync(order, 3)).Succeeded);
    }
}
