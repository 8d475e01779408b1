using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Xunit.Abstractions;
using RefundService = MerchantPortal.Refunds.RefundService;

namespace MerchantPortal.IntegrationTests.Payments;

/// <summary>
/// Card orders, cancellations and refunds while two in five PaymentIntent and Refund calls meet a fault (never sent,
/// answer lost after Stripe acted, 409, 500), with the sandbox's events handed to the webhook processor twice,
/// shuffled, late, and at the end all again newest first; settled by reconciliation under the faults and after.
/// Checked against the sandbox's own records: one succeeded PaymentIntent per paid order and nothing else charged,
/// one Stripe Refund per card refund and nothing else refunded, refunded never more than captured, and every order
/// and refund settled. The faults and the event order follow a seed (STRIPE_FAULTS_SEED overrides it).
/// </summary>
public sealed class StripeRefundFaultsTests(ITestOutputHelper output) : CardServiceTest
{
    private const int DefaultSeed = 20261203;
    private const int Orders = 16;
    private const long UnitPriceMinor = 1_000;
    private const double FaultRate = 0.4;

    private static readonly string[] FaultyPaths = ["/v1/payment_intents", "/v1/refunds"];

    // Refunds to the third card settle a moment later at Stripe; those to the fourth succeed, then fail.
    private static readonly string[] Cards = ["pm_card_visa", "pm_card_visa", "pm_card_pendingRefund", "pm_card_refundFail"];
    private static readonly OrderStatus[] TerminalOrders = [OrderStatus.Completed, OrderStatus.Partial, OrderStatus.Failed, OrderStatus.Cancelled];
    private static readonly RefundStatus[] TerminalRefunds = [RefundStatus.Succeeded, RefundStatus.Failed];

    private readonly int _seed = Environment.GetEnvironmentVariable("STRIPE_FAULTS_SEED") is { Length: > 0 } seed
        ? int.Parse(seed, CultureInfo.InvariantCulture)
        : DefaultSeed;

    private enum Plan
    {
        /// <summary>Three keys of which one is in stock: two undelivered units are refunded.</summary>
        Partial,

        /// <summary>One key, cancelled by the merchant before fulfilment.</summary>
        Cancelled,

        /// <summary>Two keys, both in stock: nothing to refund.</summary>
        Completed,
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Stripe:PaymentTimeout"] = "00:00:00" };

    [Fact]
    public async Task Card_orders_and_refunds_under_stripe_faults_and_unruly_webhooks_move_each_amount_once_and_all_settle()
    {
        var random = new Random(_seed);
        var courier = new StripeEventCourier(Host, random);
        var customers = new List<(CustomerSummary Customer, string Card)>();
        foreach (var card in Cards)
        {
            customers.Add(await Host.CustomerWithCardAsync(Merchant.Id, card));
        }

        var requests = new List<(Plan Plan, PlaceOrder Request)>();
        for (var i = 0; i < Orders; i++)
        {
            requests.Add(await OrderRequestAsync(i, customers));
        }

        var openingBalance = await BalanceAsync();
        Connection.UseSeed(_seed);
        Connection.FailingPaths = FaultyPaths;
        Connection.FaultRate = FaultRate;

        // Orders placed side by side, each resent once when its answer was unclear, then some cancelled; webhooks race both.
        var placing = Task.WhenAll(requests.Select(r => Task.Run(() => PlaceResendingAsync(r.Request))));
        await courier.DeliverDuringAsync(placing);
        Assert.All(await placing, r => Assert.True(r.Succeeded || r.Error!.Code == PaymentErrors.StripeUnavailable.Code, $"seed {_seed}: {r.Error?.Code}"));
        var orders = await OrdersByReferenceAsync();
        await courier.DeliverDuringAsync(Task.WhenAll(requests.Where(r => r.Plan == Plan.Cancelled).Select(r => Task.Run(() => CancelAsync(orders[r.Request.MerchantOrderId!])))));
        await courier.DeliverDuringAsync(SettleAsync());

        // Once every payment has settled and fulfilment has run, undelivered units are refunded, to the card and to the
        // balance, two requests per order side by side, while the faults go on.
        Connection.FaultRate = 0;
        await SettleAsync();
        Connection.FaultRate = FaultRate;
        orders = await OrdersByReferenceAsync();
        var partial = requests.Where(r => r.Plan == Plan.Partial).Select(r => orders[r.Request.MerchantOrderId!]).Where(o => o.Status == OrderStatus.Partial).ToList();
        await courier.DeliverDuringAsync(Task.WhenAll(partial.SelectMany((o, n) => new[]
        {
            Task.Run(() => RefundResendingAsync(o, RefundDestination.OriginalPaymentMethod, $"first-{o.Id}")),
            Task.Run(() => RefundResendingAsync(o, n % 2 == 0 ? RefundDestination.OriginalPaymentMethod : RefundDestination.Balance, $"second-{o.Id}")),
        })));
        await courier.DeliverDuringAsync(SettleAsync());

        // Stripe is well again: its late refund outcomes land, then every event once more, newest first.
        Connection.FaultRate = 0;
        await WaitForStripeRefundsToSettleAsync(customers[3].Customer.Id);
        await SettleAsync();
        await courier.DeliverShuffledAsync();
        var events = await courier.DeliverAllInReverseAsync();
        await RetryFailedRefundsToTheBalanceAsync();
        await SettleAsync();

        var why = $"seed {_seed}; {courier.Processed.Count} events processed, {courier.Duplicates} duplicates, {courier.Refused.Values.Sum()} attempts refused"
            + $" ({string.Join(", ", courier.Refused.Select(r => $"{r.Value} {r.Key}"))})";
        output.WriteLine($"{why}; {await TallyAsync()}");
        Assert.All(events, id => Assert.True(courier.Processed.GetValueOrDefault(id) == 1, $"{why}: event {id} handled {courier.Processed.GetValueOrDefault(id)} times"));
        await AssertSettledAsync(requests, why);
        await AssertChargedOnceAsync(customers.Select(c => c.Customer.Id), why);
        await AssertRefundedOnceAsync(why);
        await AssertBalanceAsync(openingBalance, why);
        Assert.True(partial.Count > 0 && courier.Duplicates > 0 && courier.Refused.Count > 0, why);
    }

    /// <summary>Order <paramref name="index"/>: its own key item (so stock decides its outcome alone) and one of the cards.</summary>
    private async Task<(Plan, PlaceOrder)> OrderRequestAsync(int index, IReadOnlyList<(CustomerSummary Customer, string Card)> customers)
    {
        var plan = (index % 4) switch { 0 or 1 => Plan.Partial, 2 => Plan.Cancelled, _ => Plan.Completed };
        var (units, codes) = plan switch { Plan.Partial => (3, 1), Plan.Cancelled => (1, 1), _ => (2, 2) };
        var item = await Host.Core.Catalog.KeyItemAsync(unitPriceMinor: UnitPriceMinor, codes: codes);
        var (customer, card) = customers[index / 4 % customers.Count];
        return (plan, CardOrder(customer, card) with { Lines = [new PlaceOrderLine(item.Id, units)], MerchantOrderId = $"refund-fault-{index}" });
    }

    private async Task<Common.Result<PlacedOrder>> PlaceResendingAsync(PlaceOrder request)
    {
        var placements = Host.Core.Get<OrderPlacementService>();
        var placed = await placements.PlaceAsync(request, Actor.System);
        return placed.Succeeded && !placed.Value.PaymentUnconfirmed ? placed : await placements.PlaceAsync(request, Actor.System);
    }

    /// <summary>The merchant cancels; a refusal because the order moved on at that moment is looked at and tried again, as an agent would.</summary>
    private async Task CancelAsync(Order order)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var cancelled = await Host.Core.Get<OrderCancellationService>().CancelAsync(order.Id, "Customer changed their mind", TestActors.MerchantUser(Merchant.Id));
            if (cancelled.Succeeded)
            {
                return;
            }

            Assert.True(cancelled.Error!.Code == "ORDER_NOT_CANCELLABLE", $"seed {_seed}: {cancelled.Error.Code}");
        }
    }

    /// <summary>One undelivered unit refunded; a request whose outcome is unclear (no Stripe answer yet, or a conflict) is sent again with its key.</summary>
    private async Task RefundResendingAsync(Order order, RefundDestination destination, string key)
    {
        var request = new RequestRefund(order.Id, [new RefundLineRequest(order.Lines[0].Id, 1)], destination, RefundReason.Undelivered, IdempotencyKey: key);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var refunded = await Host.Core.Get<RefundService>().RequestAsync(request, TestActors.Support);
            if (refunded.Succeeded && (attempt >= 2 || refunded.Value.Refund is not { Status: RefundStatus.Pending, StripeRefundId: null }))
            {
                return;
            }

            Assert.True(refunded.Succeeded || refunded.Error!.Code == RefundErrors.Conflict.Code, $"seed {_seed}: {refunded.Error?.Code}");
        }

        Assert.Fail($"seed {_seed}: refund {key} kept conflicting");
    }

    /// <summary>Support sends each refund that failed at Stripe again, to the merchant's balance.</summary>
    private async Task RetryFailedRefundsToTheBalanceAsync()
    {
        List<Guid> failed;
        await using (var db = await DbAsync())
        {
            failed = await db.Refunds.Where(r => r.Status == RefundStatus.Failed).Select(r => r.Id).ToListAsync();
        }

        foreach (var refundId in failed)
        {
            var retried = await Host.Core.Get<RefundService>().RetryAsync(refundId, RefundDestination.Balance, TestActors.Support);
            Assert.True(retried.Succeeded, $"seed {_seed}: {retried.Error?.Code}");
        }
    }

    /// <summary>Reconciliation of payments and refunds and the background jobs, a few rounds.</summary>
    private async Task SettleAsync()
    {
        for (var round = 0; round < 3; round++)
        {
            await Host.Core.Get<PaymentReconciliation>().ReconcileAsync(default);
            await Host.Core.Get<RefundReconciliation>().ReconcileAsync(default);
            await Host.Core.DrainJobsAsync();
        }
    }

    /// <summary>Stripe settles refunds of the asynchronous refund cards a moment after creating them; those to the failing card end failed.</summary>
    private async Task WaitForStripeRefundsToSettleAsync(Guid failingCustomerId)
    {
        await using var db = await DbAsync();
        var failing = (await db.Orders.Where(o => o.CustomerId == failingCustomerId && o.PaymentReference != null).Select(o => o.PaymentReference!).ToListAsync()).ToHashSet();
        await Eventually.HoldsAsync(async () =>
            (await StripeRefundsAsync()).All(r => r.Status != "pending" && (r.Status == "failed" || !failing.Contains(r.PaymentIntentId))),
            "Stripe to settle its refunds");
    }

    private async Task AssertSettledAsync(IReadOnlyList<(Plan Plan, PlaceOrder Request)> requests, string why)
    {
        var orders = await OrdersByReferenceAsync();
        await using var db = await DbAsync();
        var refunds = await db.Refunds.AsNoTracking().ToListAsync();
        Assert.True(orders.Count == Orders, $"{why}: {orders.Count} orders");
        Assert.All(refunds, r => Assert.True(TerminalRefunds.Contains(r.Status), $"{why}: {r.Reference} is {r.Status}"));
        Assert.All(refunds.Where(r => r.Status == RefundStatus.Failed),
            r => Assert.True(refunds.Any(retry => retry.RetryOfId == r.Id && retry.Status == RefundStatus.Succeeded), $"{why}: {r.Reference} failed and was not retried"));
        foreach (var (plan, request) in requests)
        {
            var order = orders[request.MerchantOrderId!];
            var state = $"{why}: {order.Reference} ({plan}) is {order.Status}, {order.PaymentStatus}, refunded {order.RefundedMinor} of {order.TotalMinor}";
            Assert.True(TerminalOrders.Contains(order.Status), state);
            var expected = (Charged(order), order.Status) switch
            {
                (false, OrderStatus.Cancelled or OrderStatus.Failed) => (order.PaymentStatus is PaymentStatus.Voided or PaymentStatus.Failed, 0L),
                (true, OrderStatus.Partial) => (plan == Plan.Partial && order.PaymentStatus == PaymentStatus.PartiallyRefunded && order.Lines[0].RefundedUnits == 2,
                    2 * UnitPriceMinor),
                (true, OrderStatus.Completed) => (plan == Plan.Completed && order.PaymentStatus == PaymentStatus.Paid, 0L),
                // Money taken for an order that was cancelled, or failed, all goes back.
                (true, OrderStatus.Cancelled or OrderStatus.Failed) => (order.PaymentStatus == PaymentStatus.Refunded, order.TotalMinor),
                _ => (false, 0L),
            };
            Assert.True(expected == (true, order.RefundedMinor), state);
        }
    }

    /// <summary>Every succeeded PaymentIntent of the customers is exactly one order's payment, for its total.</summary>
    private async Task AssertChargedOnceAsync(IEnumerable<Guid> customerIds, string why)
    {
        await using var db = await DbAsync();
        var charged = new List<(string Id, long Amount)>();
        foreach (var customerId in customerIds)
        {
            var stripeCustomer = await db.Customers.Where(c => c.Id == customerId).Select(c => c.StripeCustomerId).SingleAsync();
            await foreach (var intent in new PaymentIntentService(Host.Stripe).ListAutoPagingAsync(new PaymentIntentListOptions { Customer = stripeCustomer }))
            {
                if (intent.Status == "succeeded")
                {
                    charged.Add((intent.Id, intent.AmountReceived));
                }
            }
        }

        var paid = (await db.Orders.AsNoTracking().Where(o => o.MerchantId == Merchant.Id).ToListAsync()).Where(Charged).ToList();
        Assert.True(paid.Select(o => (o.PaymentReference!, o.TotalMinor)).Order().SequenceEqual(charged.Order()), $"{why}: charged {string.Join(", ", charged)}");
    }

    /// <summary>
    /// Every Stripe Refund is exactly one card refund of ours, with its amount and outcome; each order's refunded
    /// amount is what Stripe returned for its payment plus what went to the balance, and never more than Stripe took.
    /// </summary>
    private async Task AssertRefundedOnceAsync(string why)
    {
        var atStripe = await StripeRefundsAsync();
        await using var db = await DbAsync();
        var ours = await db.Refunds.AsNoTracking().ToListAsync();
        var orders = await db.Orders.AsNoTracking().Where(o => o.MerchantId == Merchant.Id).ToListAsync();
        Assert.True(atStripe.Count == atStripe.Select(r => r.Metadata["refund_id"]).Distinct().Count(),
            $"{why}: {atStripe.Count} Stripe Refunds for {atStripe.Select(r => r.Metadata["refund_id"]).Distinct().Count()} refunds");
        foreach (var stripeRefund in atStripe)
        {
            var refund = ours.SingleOrDefault(r => r.Id.ToString() == stripeRefund.Metadata["refund_id"]);
            Assert.True(refund is not null, $"{why}: Stripe Refund {stripeRefund.Id} is no refund of the portal");
            Assert.True((refund.StripeRefundId, refund.AmountMinor, refund.Status == RefundStatus.Succeeded)
                == (stripeRefund.Id, stripeRefund.Amount, stripeRefund.Status == "succeeded"), $"{why}: {refund.Reference} vs {stripeRefund.Id} {stripeRefund.Status}");
        }

        Assert.All(ours.Where(r => r is { ToCard: true, AmountMinor: > 0 }),
            r => Assert.True(atStripe.Any(s => s.Id == r.StripeRefundId), $"{why}: {r.Reference} ({r.Status}) never reached Stripe"));
        Assert.All(orders.Where(o => !Charged(o)), o => Assert.True(o.RefundedMinor == 0, $"{why}: {o.Reference} was never charged but refunded {o.RefundedMinor}"));
        foreach (var order in orders.Where(Charged))
        {
            var returned = atStripe.Where(r => r.PaymentIntentId == order.PaymentReference && r.Status == "succeeded").Sum(r => r.Amount);
            var toBalance = ours.Where(r => r.OrderId == order.Id && r is { Destination: RefundDestination.Balance, Status: RefundStatus.Succeeded }).Sum(r => r.AmountMinor);
            var captured = (await new PaymentIntentService(Host.Stripe).GetAsync(order.PaymentReference)).AmountReceived;
            var state = $"{why}: {order.Reference} refunded {order.RefundedMinor}, Stripe returned {returned} of {captured}, the balance got {toBalance}";
            Assert.True(order.RefundedMinor == returned + toBalance && returned <= captured, state);
        }
    }

    /// <summary>The balance is the sum of its ledger entries, and grew by exactly the refunds made to it.</summary>
    private async Task AssertBalanceAsync(long openingBalance, string why)
    {
        await using var db = await DbAsync();
        var entries = await db.LedgerEntries.Where(e => e.MerchantId == Merchant.Id).SumAsync(e => e.AmountMinor);
        var toBalance = await db.Refunds.Where(r => r.MerchantId == Merchant.Id && r.Destination == RefundDestination.Balance && r.Status == RefundStatus.Succeeded)
            .SumAsync(r => r.AmountMinor);
        var balance = await BalanceAsync();
        Assert.True((balance, balance) == (entries, openingBalance + toBalance), $"{why}: balance {balance}, ledger {entries}, opening {openingBalance} + refunds {toBalance}");
    }

    /// <summary>How the orders and refunds ended, for the test's output.</summary>
    private async Task<string> TallyAsync()
    {
        await using var db = await DbAsync();
        var orders = await db.Orders.Where(o => o.MerchantId == Merchant.Id).Select(o => o.Status + "/" + o.PaymentStatus).ToListAsync();
        var refunds = await db.Refunds.Select(r => r.Origin + "/" + r.Destination + "/" + r.Status).ToListAsync();
        static string Count(IEnumerable<string> values) => string.Join(", ", values.GroupBy(v => v).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
        return $"orders: {Count(orders)}; refunds: {Count(refunds)}";
    }

    private static bool Charged(Order order) => order.PaymentStatus is PaymentStatus.Paid or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded;

    private async Task<Dictionary<string, Order>> OrdersByReferenceAsync()
    {
        await using var db = await DbAsync();
        return await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.MerchantId == Merchant.Id).ToDictionaryAsync(o => o.MerchantOrderId!);
    }

    private async Task<List<Stripe.Refund>> StripeRefundsAsync()
    {
        var refunds = new List<Stripe.Refund>();
        await foreach (var refund in new Stripe.RefundService(Host.Stripe).ListAutoPagingAsync(new RefundListOptions { Limit = 100 }))
        {
            refunds.Add(refund);
        }

        return refunds;
    }

    private async Task<long> BalanceAsync() =>
        (await Host.Core.Get<MerchantPortal.Ledger.LedgerService>().GetBalanceAsync(Merchant.Id, Actor.System))!.Value.Minor;

    private Task<PortalDb> DbAsync() => Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
}
