using System.Diagnostics;
using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Operations;

/// <summary>
/// A month of order history for the demo merchants, placed and fulfilled through the real services
/// (so every total, ledger entry, PaymentIntent and timeline is genuine) and then dated back across the last
/// 30 days. About a third of the orders are paid with the demo customers' saved cards (<see cref="DemoCards"/>),
/// the rest from the balance; items that fail, deliver every other time or run out of codes leave partial and
/// failed orders with undelivered units for support. The random choices use a fixed seed, so every fresh demo
/// holds the same orders. They are placed in waves, each side by side as many callers would (the write queue
/// commits them together), then fulfilled side by side, so the first run is not one commit after another.
/// </summary>
internal sealed class DemoHistory(
    IDbContextFactory<PortalDb> dbs,
    OrderPlacementService orders,
    OrderCancellationService cancellation,
    LedgerService ledger,
    DemoCards cards,
    DemoOpenOrders openOrders,
    DemoOrderRequests requests,
    DemoBackdating backdating,
    JobRunner jobs,
    TimeProvider clock,
    ILogger<DemoHistory> logger)
{
    private static readonly string[] FirstNames =
        ["Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Mateo", "Sofia", "Elias", "Léa", "Jonas", "Chloé", "Hugo", "Anna",
         "Leon", "Marta", "Diego", "Yuki", "Amara", "Kofi", "Priya", "Arjun", "Ingrid", "Tomás"];

    private static readonly string[] LastNames =
        ["Smith", "Garcia", "Müller", "Rossi", "Dubois", "Kowalski", "Nakamura", "Okafor", "Patel", "Larsen", "Silva", "Novak", "Haddad"];

    private const int ProgressEvery = 100;

    // Orders placed side by side in a wave; the waves keep stock running out in the order the history tells.
    private const int MaxWave = 32;

    /// <summary>One history order as drawn: what is placed, by whom, whether its customer cancels it, and its timeline's step.</summary>
    private sealed record PlannedOrder(PlaceOrder Request, Actor Actor, bool Cancels, DateTime PlacedAt, TimeSpan Step);

    public async Task SeedAsync(IReadOnlyList<MerchantSummary> merchants, int orderCount, CancellationToken ct)
    {
        var random = new Random(20261122);
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (orderCount <= 0 || await db.Orders.AnyAsync(ct))
            {
                return;
            }
        }

        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow().UtcDateTime;
        var items = await LoadItemsAsync(ct);
        var holders = new Dictionary<Guid, IReadOnlyList<DemoCardHolder>>();
        foreach (var merchant in merchants)
        {
            await DepositAsync(merchant, now.AddDays(-31), ct);
            holders[merchant.Id] = await cards.SaveAsync(merchant, DemoOrderRequests.ActorFor(merchant), now.AddDays(-31), ct);
        }

        if (!cards.IsAvailable)
        {
            logger.LogInformation("Card payments are not configured (no Stripe test keys, no sandbox): the demo history is paid from the balance only.");
        }
        else if (holders.Values.Any(h => h.Count == 0))
        {
            logger.LogWarning("Demo cards could not be saved for every merchant: their history is paid from the balance only.");
        }

        var plans = Plan(merchants, items, holders, orderCount, now, random);
        var placed = new List<(PlannedOrder Plan, OrderDetails Order)>();
        foreach (var wave in Waves(plans))
        {
            placed.AddRange(await PlaceWaveAsync(wave, ct));
            while (await jobs.RunDueJobsAsync("demo-seeder", sideBySide: true, ct) > 0)
            {
            }

            if (placed.Count / ProgressEvery > (placed.Count - wave.Count) / ProgressEvery)
            {
                logger.LogInformation("Demo history: {Placed} of {Count} orders placed…", placed.Count, orderCount);
            }
        }

        // Numbers follow the order the writer took the orders in; the times, drawn in order, follow the numbers.
        var times = placed.Select(p => p.Plan.PlacedAt).Order().ToList();
        await backdating.BackdateAsync(
            [.. placed.OrderBy(p => p.Order.Order.Number).Select((p, i) => new DemoOrderTime(p.Order.Order.Id, times[i], p.Plan.Step))], ct);
        logger.LogInformation("Demo history: placed {Count} orders ({ByCard} paid by card) over the last 30 days in {Seconds:0.0} s.",
            placed.Count, placed.Count(p => p.Order.Order.PaymentMethod == PaymentMethodKind.Card), Stopwatch.GetElapsedTime(started).TotalSeconds);
        await openOrders.SeedAsync(merchants, holders, items, ct);
    }

    private List<PlannedOrder> Plan(
        IReadOnlyList<MerchantSummary> merchants, List<CatalogItem> items, Dictionary<Guid, IReadOnlyList<DemoCardHolder>> holders,
        int orderCount, DateTime now, Random random)
    {
        var times = Enumerable.Range(0, orderCount)
            .Select(_ => now.AddMinutes(-random.Next(5, 30 * 24 * 60)))
            .Order()
            .ToList();
        var plans = new List<PlannedOrder>();
        foreach (var placedAt in times)
        {
            var merchant = merchants[random.Next(100) < 65 ? 0 : Math.Min(1, merchants.Count - 1)];
            // Delayed deliveries are left out of the history: they would only slow the first start.
            var sellable = items.Where(i => i.Currency == merchant.Currency && i.Behaviour != FulfilmentBehaviour.Delay).ToList();
            if (sellable.Count > 0)
            {
                plans.Add(PlanOne(merchant, sellable, holders[merchant.Id], placedAt, random));
            }
        }

        return plans;
    }

    private PlannedOrder PlanOne(MerchantSummary merchant, List<CatalogItem> sellable, IReadOnlyList<DemoCardHolder> holders, DateTime placedAt, Random random)
    {
        var paying = holders.Where(h => h.PaysInHistory).ToList();
        var holder = paying.Count > 0 && random.Next(100) < 33 ? paying[random.Next(paying.Count)] : null;
        var customer = holder is null ? RandomCustomer(random) : new CustomerRef(CustomerId: holder.CustomerId);
        var lineCount = random.Next(100) < 80 ? 1 : 2;
        var lines = Enumerable.Range(0, lineCount).Select(_ => DemoOrderRequests.Line(sellable[random.Next(sellable.Count)], random)).ToList();
        var source = random.Next(100) < 55 ? OrderSource.Api : OrderSource.Dashboard;
        var request = new PlaceOrder(merchant.Id, customer, lines, requests.PaymentFor(holder), source,
            MerchantOrderId: source == OrderSource.Api ? $"{merchant.Name[..2].ToUpperInvariant()}-{random.Next(100_000, 999_999)}" : null);
        // A cancellation refunds in full. Refunds to the two slow-refund cards change a few seconds later, while
        // the app does not yet listen for Stripe's events, so their orders are left for support to refund by hand.
        var cancels = random.Next(100) < 4 && holder is not { RefundsSettleLater: true };
        return new PlannedOrder(request, DemoOrderRequests.ActorFor(merchant), cancels, placedAt, TimeSpan.FromSeconds(random.Next(2, 40)));
    }

    /// <summary>Runs of orders to place side by side; a run ends with an order its customer cancels, so the refund follows its debits in the ledger.</summary>
    private static IEnumerable<List<PlannedOrder>> Waves(List<PlannedOrder> plans)
    {
        var wave = new List<PlannedOrder>();
        foreach (var plan in plans)
        {
            wave.Add(plan);
            if (plan.Cancels || wave.Count == MaxWave)
            {
                yield return wave;
                wave = [];
            }
        }

        if (wave.Count > 0)
        {
            yield return wave;
        }
    }

    /// <summary>Places a wave's orders side by side, then the one its customer cancels (last, so it is numbered last) and cancels it.</summary>
    private async Task<List<(PlannedOrder Plan, OrderDetails Order)>> PlaceWaveAsync(List<PlannedOrder> wave, CancellationToken ct)
    {
        var sideBySide = wave[^1].Cancels ? wave[..^1] : wave;
        var placed = new (PlannedOrder Plan, OrderDetails? Order)[sideBySide.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sideBySide.Count), new ParallelOptions { MaxDegreeOfParallelism = MaxWave, CancellationToken = ct },
            async (i, token) => placed[i] = (sideBySide[i], await PlaceAsync(sideBySide[i], token)));
        var result = placed.Where(p => p.Order is not null).Select(p => (p.Plan, p.Order!)).ToList();
        if (wave[^1] is { Cancels: true } cancelled && await PlaceAsync(cancelled, ct) is { } order)
        {
            await cancellation.CancelAsync(order.Order.Id, "Customer changed their mind", cancelled.Actor, ct);
            result.Add((cancelled, order));
        }

        return result;
    }

    /// <summary>The order as placed, or null when it could not be (the history goes on without it).</summary>
    private async Task<OrderDetails?> PlaceAsync(PlannedOrder plan, CancellationToken ct)
    {
        var placed = await orders.PlaceAsync(plan.Request, plan.Actor, ct);
        return placed.Succeeded ? placed.Value.Order : null;
    }

    private static CustomerRef RandomCustomer(Random random)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        return new CustomerRef(
            Email: $"{Ascii(first)}.{Ascii(last)}{random.Next(1, 40)}@example.com".ToLowerInvariant(),
            Name: $"{first} {last}");
    }

    /// <summary>The name without accents, for an email address (Müller → muller).</summary>
    private static string Ascii(string name) => new([.. name.Normalize(System.Text.NormalizationForm.FormD)
        .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);

    private async Task<List<CatalogItem>> LoadItemsAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.CatalogItems.AsNoTracking().Where(i => i.IsActive).ToListAsync(ct);
    }

    private async Task DepositAsync(MerchantSummary merchant, DateTime at, CancellationToken ct)
    {
        var amount = merchant.Currency == "USD" ? 15_000m : 8_000m;
        var deposit = await ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, amount, "Opening deposit (bank transfer)", "demo-opening-deposit", LargeAmountConfirmed: true), Actor.System, ct);
        if (deposit.Succeeded)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            await db.LedgerEntries.Where(e => e.Id == deposit.Value.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedAt, at), ct);
        }
    }
}
