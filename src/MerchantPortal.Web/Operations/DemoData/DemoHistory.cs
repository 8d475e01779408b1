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
/// looks the same.
/// </summary>
internal sealed class DemoHistory(
    IDbContextFactory<PortalDb> dbs,
    OrderPlacementService orders,
    OrderCancellationService cancellation,
    LedgerService ledger,
    DemoCards cards,
    DemoOpenOrders openOrders,
    DemoOrderRequests requests,
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

        var times = Enumerable.Range(0, orderCount)
            .Select(_ => now.AddMinutes(-random.Next(5, 30 * 24 * 60)))
            .Order()
            .ToList();
        var (placed, byCard) = (0, 0);
        foreach (var placedAt in times)
        {
            var merchant = merchants[random.Next(100) < 65 ? 0 : Math.Min(1, merchants.Count - 1)];
            // Delayed deliveries are left out of the history: they would only slow the first start.
            var sellable = items.Where(i => i.Currency == merchant.Currency && i.Behaviour != FulfilmentBehaviour.Delay).ToList();
            if (sellable.Count == 0)
            {
                continue;
            }

            if (await PlaceOneAsync(merchant, sellable, holders[merchant.Id], placedAt, random, ct) is { } method)
            {
                placed++;
                byCard += method == PaymentMethodKind.Card ? 1 : 0;
                if (placed % ProgressEvery == 0)
                {
                    logger.LogInformation("Demo history: {Placed} of {Count} orders placed…", placed, orderCount);
                }
            }
        }

        logger.LogInformation("Demo history: placed {Count} orders ({ByCard} paid by card) over the last 30 days in {Seconds:0.0} s.",
            placed, byCard, Stopwatch.GetElapsedTime(started).TotalSeconds);
        await openOrders.SeedAsync(merchants, holders, items, ct);
    }

    /// <summary>Places, fulfils and backdates one order; returns how it was paid, or null when it could not be placed.</summary>
    private async Task<PaymentMethodKind?> PlaceOneAsync(
        MerchantSummary merchant, List<CatalogItem> sellable, IReadOnlyList<DemoCardHolder> holders, DateTime placedAt, Random random, CancellationToken ct)
    {
        var paying = holders.Where(h => h.PaysInHistory).ToList();
        var holder = paying.Count > 0 && random.Next(100) < 33 ? paying[random.Next(paying.Count)] : null;
        var customer = holder is null ? RandomCustomer(random) : new CustomerRef(CustomerId: holder.CustomerId);
        var lineCount = random.Next(100) < 80 ? 1 : 2;
        var lines = Enumerable.Range(0, lineCount).Select(_ => DemoOrderRequests.Line(sellable[random.Next(sellable.Count)], random)).ToList();
        var payment = requests.PaymentFor(holder);
        var actor = DemoOrderRequests.ActorFor(merchant);
        var source = random.Next(100) < 55 ? OrderSource.Api : OrderSource.Dashboard;
        var placed = await orders.PlaceAsync(new PlaceOrder(merchant.Id, customer, lines, payment, source,
            MerchantOrderId: source == OrderSource.Api ? $"{merchant.Name[..2].ToUpperInvariant()}-{random.Next(100_000, 999_999)}" : null), actor, ct);
        if (!placed.Succeeded)
        {
            return null;
        }

        // A cancellation refunds in full. Refunds to the two slow-refund cards change a few seconds later, while
        // the app does not yet listen for Stripe's events, so their orders are left for support to refund by hand.
        var orderId = placed.Value.Order.Order.Id;
        if (random.Next(100) < 4 && holder is not { RefundsSettleLater: true })
        {
            await cancellation.CancelAsync(orderId, "Customer changed their mind", actor, ct);
        }

        while (await jobs.RunDueJobsAsync("demo-seeder", ct) > 0)
        {
        }

        await BackdateAsync(orderId, placedAt, random, ct);
        return payment.Method;
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

    /// <summary>
    /// Moves an order, its timeline, its ledger entries, its delivered codes, its refunds (a cancelled order's)
    /// and the audit entries of both back to when it "happened".
    /// </summary>
    private async Task BackdateAsync(Guid orderId, DateTime placedAt, Random random, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // One commit for the order's every table, not one per statement: the first run waits for each.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var order = await db.Orders.Include(o => o.Events).Include(o => o.Lines).FirstAsync(o => o.Id == orderId, ct);
        var step = TimeSpan.FromSeconds(random.Next(2, 40));
        var events = order.Events.OrderBy(e => e.Id).ToList();
        for (var i = 0; i < events.Count; i++)
        {
            db.Entry(events[i]).Property(e => e.OccurredAt).CurrentValue = placedAt + step * i;
        }

        var finishedAt = placedAt + step * Math.Max(0, events.Count - 1);
        db.Entry(order).Property(o => o.CreatedAt).CurrentValue = placedAt;
        db.Entry(order).Property(o => o.UpdatedAt).CurrentValue = finishedAt;
        if (order.CompletedAt is not null)
        {
            db.Entry(order).Property(o => o.CompletedAt).CurrentValue = finishedAt;
        }

        await db.SaveChangesAsync(ct);
        await db.LedgerEntries.Where(e => e.OrderId == orderId).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedAt, placedAt), ct);
        var lineIds = order.Lines.Select(l => l.Id).ToList();
        await db.KeyCodes.Where(c => c.OrderLineId != null && lineIds.Contains(c.OrderLineId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeliveredAt, finishedAt), ct);
        await db.AuditEntries.Where(a => a.TargetId == orderId.ToString())
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.OccurredAt, placedAt), ct);

        var refundIds = await db.Refunds.Where(r => r.OrderId == orderId).Select(r => r.Id).ToListAsync(ct);
        if (refundIds.Count > 0)
        {
            await db.Refunds.Where(r => r.OrderId == orderId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.RequestedAt, finishedAt)
                .SetProperty(r => r.UpdatedAt, finishedAt)
                .SetProperty(r => r.CompletedAt, r => r.CompletedAt == null ? null : finishedAt), ct);
            var targets = refundIds.Select(id => id.ToString()).ToList();
            await db.AuditEntries.Where(a => a.TargetType == "refund" && targets.Contains(a.TargetId))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.OccurredAt, finishedAt), ct);
        }

        await transaction.CommitAsync(ct);
    }
}
