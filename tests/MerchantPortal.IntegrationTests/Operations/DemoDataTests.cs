using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Refund = MerchantPortal.Refunds.Refund;
using RefundService = MerchantPortal.Refunds.RefundService;

namespace MerchantPortal.IntegrationTests.Operations;

/// <summary>
/// The real app's first run in Development, with a shorter history: the demo data the support workflow is shown
/// on, with card orders paid at the app's own Stripe sandbox.
/// </summary>
public sealed class DemoDataTests(DemoDataTests.DemoApp app) : IClassFixture<DemoDataTests.DemoApp>
{
    private static readonly Actor Support = Actor.User("demo-data-test-support", "Sam Support", null, Roles.Support);

    public sealed class DemoApp : PortalAppFactory
    {
        public DemoApp() => Settings["Demo:HistoricalOrders"] = "120";
    }

    private IStripeClient Stripe => app.Services.GetRequiredService<StripeClientFactory>().Client;

    [Theory]
    [InlineData(PaymentMethodKind.Balance)]
    [InlineData(PaymentMethodKind.Card)]
    public async Task The_history_has_partial_and_failed_orders_with_undelivered_units_for_each_payment_method(PaymentMethodKind method)
    {
        var waiting = await UndeliveredAsync(method);

        Assert.Contains(waiting, o => o.Status == OrderStatus.Partial);
        Assert.Contains(waiting, o => o.Status == OrderStatus.Failed);
    }

    [Fact]
    public async Task Today_has_an_order_to_act_on_in_each_state()
    {
        var today = DateTime.UtcNow.AddHours(-2);
        var recent = await OrdersAsync(o => o.CreatedAt > today);

        Assert.Contains(recent, o => o.PaymentMethod == PaymentMethodKind.Card && o.PaymentStatus == PaymentStatus.Failed);
        Assert.Contains(recent, o => o.Status == OrderStatus.AwaitingPayment && o.PaymentStatus == PaymentStatus.RequiresAction && o.PaymentActionUrl is not null);
        Assert.Contains(recent, o => o.Status == OrderStatus.Cancelled && o.RefundedMinor == o.TotalMinor);
        foreach (var method in new[] { PaymentMethodKind.Balance, PaymentMethodKind.Card })
        {
            Assert.Contains(recent, o => o.PaymentMethod == method && o.Status == OrderStatus.Failed && o.PaymentStatus == PaymentStatus.Paid);
            Assert.Contains(recent, o => o.PaymentMethod == method && o.Status == OrderStatus.Partial);
        }
    }

    [Fact]
    public async Task A_pending_and_a_processing_order_stay_so_after_the_worker_has_run()
    {
        // The worker starts the delayed service's fulfilment within a poll; then it has more than the simulator's default delay to settle them.
        await OrderWhenAsync(o => o.Status == OrderStatus.Processing && o.Lines.Any(l => l.Sku == "SUPPORT-EUR"));
        await Task.Delay(TimeSpan.FromSeconds(5));
        var today = DateTime.UtcNow.AddHours(-2);
        var recent = await OrdersAsync(o => o.CreatedAt > today);

        var pending = recent.Where(o => o.Status == OrderStatus.Pending).ToList();
        Assert.Equal(2, pending.Count);
        Assert.All(pending, o => Assert.Equal((PaymentStatus.Paid, true), (o.PaymentStatus, o.CanCancel)));
        var processing = Assert.Single(recent, o => o.Status == OrderStatus.Processing);
        Assert.Equal(("SUPPORT-EUR", 0), (processing.Lines.Single().Sku, processing.Lines.Single().DeliveredUnits));
        Assert.Null(RefundService.Refusal(processing));
    }

    [Fact]
    public async Task Card_orders_are_paid_with_payment_intents_that_exist_at_the_sandbox()
    {
        // Today's declined card payment and the one waiting for 3-D Secure are the card orders left unpaid on purpose.
        var cardOrders = await OrdersAsync(o => o.PaymentMethod == PaymentMethodKind.Card
            && o.PaymentStatus != PaymentStatus.Failed && o.PaymentStatus != PaymentStatus.RequiresAction);

        Assert.InRange(cardOrders.Count, 20, 60);
        var intents = new PaymentIntentService(Stripe);
        foreach (var order in cardOrders)
        {
            var intent = await intents.GetAsync(order.PaymentReference);
            Assert.Equal(("succeeded", order.TotalMinor, order.Id.ToString()), (intent.Status, intent.Amount, intent.Metadata["order_id"]));
        }
    }

    [Fact]
    public async Task Support_refunds_an_undelivered_unit_of_a_card_order_to_the_card()
    {
        var refunds = app.Services.GetRequiredService<RefundService>();
        var (order, line) = await RefundableUnitAsync(refunds, "4242", "4444");

        var refunded = await refunds.RequestAsync(
            new RequestRefund(order.Id, [new RefundLineRequest(line.Id, 1)], null, RefundReason.Undelivered), Support);

        Assert.True(refunded.Succeeded, refunded.Error?.Message);
        var refund = refunded.Value.Refund;
        Assert.Equal((RefundStatus.Succeeded, RefundDestination.OriginalPaymentMethod), (refund.Status, refund.Destination));
        var atStripe = await new Stripe.RefundService(Stripe).GetAsync(refund.StripeRefundId);
        Assert.Equal(("succeeded", refund.AmountMinor, order.PaymentReference), (atStripe.Status, atStripe.Amount, atStripe.PaymentIntentId));
    }

    [Fact]
    public async Task A_refund_to_the_refund_failure_card_succeeds_then_fails_and_the_order_is_flagged_for_support()
    {
        var refunds = app.Services.GetRequiredService<RefundService>();
        var (order, line) = await RefundableUnitAsync(refunds, "5126");

        var refunded = await refunds.RequestAsync(
            new RequestRefund(order.Id, [new RefundLineRequest(line.Id, 1)], null, RefundReason.Undelivered), Support);

        Assert.True(refunded.Succeeded, refunded.Error?.Message);
        Assert.Equal(RefundStatus.Succeeded, refunded.Value.Refund.Status);
        var failed = await RefundWhenAsync(refunded.Value.Refund.Id, r => r.Status == RefundStatus.Failed);
        Assert.NotNull(failed.FailureReason);
        var flagged = (await OrdersAsync(o => o.Id == order.Id)).Single();
        Assert.Equal(OrderFlags.RefundFailed, flagged.FlagCode);
        Assert.Equal(line.RemainingUnits, flagged.Lines.Single(l => l.Id == line.Id).RemainingUnits);
    }

    [Fact]
    public async Task Northwinds_larger_refunds_need_a_second_person_and_Contosos_do_not()
    {
        var merchants = app.Services.GetRequiredService<MerchantService>();

        var northwind = (await merchants.FindByNameAsync("Northwind Games"))!;
        var contoso = (await merchants.FindByNameAsync("Contoso Mobile"))!;

        Assert.Equal(10_000, northwind.RefundSettings.ApprovalThresholdMinor);
        Assert.Null(contoso.RefundSettings.ApprovalThresholdMinor);
        Assert.Equal(2, app.DemoUsers.Count(u => u.Role == Roles.Support));
    }

    /// <summary>An undelivered unit of a card order paid with one of the cards (by last four digits) that one agent may refund alone.</summary>
    private async Task<(Order Order, OrderLine Line)> RefundableUnitAsync(RefundService refunds, params string[] cards)
    {
        var candidates = (await UndeliveredAsync(PaymentMethodKind.Card))
            .Where(o => o.FlagCode is null && cards.Contains(o.CardLast4))
            .SelectMany(o => o.Lines.Where(l => l.RemainingUnits > 0).Select(l => (Order: o, Line: l)))
            .OrderByDescending(c => c.Line.RemainingUnits);
        foreach (var (order, line) in candidates)
        {
            var quote = await refunds.QuoteAsync(order.Id, [new RefundLineRequest(line.Id, 1)], Support);
            if (quote.Succeeded && !quote.Value.NeedsApproval)
            {
                return (order, line);
            }
        }

        throw new InvalidOperationException("The demo history has no card order with a unit to refund.");
    }

    /// <summary>The refund once the condition holds; the sandbox settles refunds of its refund test cards a few seconds late, and tells the app by webhook.</summary>
    private async Task<Refund> RefundWhenAsync(Guid refundId, Func<Refund, bool> condition)
    {
        var dbs = app.Services.GetRequiredService<IDbContextFactory<PortalDb>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = await dbs.CreateDbContextAsync())
            {
                var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refundId);
                if (condition(refund) || DateTime.UtcNow > deadline)
                {
                    Assert.True(condition(refund), $"The refund is still {refund.Status}.");
                    return refund;
                }
            }

            await Task.Delay(200);
        }
    }

    private async Task<Order> OrderWhenAsync(System.Linq.Expressions.Expression<Func<Order, bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if ((await OrdersAsync(condition)).FirstOrDefault() is { } order)
            {
                return order;
            }

            Assert.True(DateTime.UtcNow < deadline, "No order reached the state in 30 seconds.");
            await Task.Delay(200);
        }
    }

    private async Task<List<Order>> UndeliveredAsync(PaymentMethodKind method) =>
        (await OrdersAsync(o => o.PaymentMethod == method && (o.Status == OrderStatus.Partial || o.Status == OrderStatus.Failed)
            && (o.PaymentStatus == PaymentStatus.Paid || o.PaymentStatus == PaymentStatus.PartiallyRefunded)))
        .Where(o => o.Lines.Any(l => l.RemainingUnits > 0))
        .ToList();

    private async Task<List<Order>> OrdersAsync(System.Linq.Expressions.Expression<Func<Order, bool>> filter)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.Orders.AsNoTracking().Include(o => o.Lines).Where(filter).ToListAsync();
    }
}
