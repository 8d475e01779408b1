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
/// (so every total, ledger entry and timeline is genuine) and then dated back across the last 30 days.
/// The random choices use a fixed seed, so every fresh demo looks the same.
/// </summary>
internal sealed class DemoHistory(
    IDbContextFactory<PortalDb> dbs,
    OrderPlacementService orders,
    OrderCancellationService cancellation,
    LedgerService ledger,
    JobRunner jobs,
    TimeProvider clock,
    ILogger<DemoHistory> logger)
{
    private static readonly string[] FirstNames =
        ["Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Mateo", "Sofia", "Elias", "Léa", "Jonas", "Chloé", "Hugo", "Anna",
         "Leon", "Marta", "Diego", "Yuki", "Amara", "Kofi", "Priya", "Arjun", "Ingrid", "Tomás"];

    private static readonly string[] LastNames =
        ["Smith", "Garcia", "Müller", "Rossi", "Dubois", "Kowalski", "Nakamura", "Okafor", "Patel", "Larsen", "Silva", "Novak", "Haddad"];

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

        var now = clock.GetUtcNow().UtcDateTime;
        var items = await LoadItemsAsync(ct);
        foreach (var merchant in merchants)
        {
            await DepositAsync(merchant, now.AddDays(-31), ct);
        }

        var times = Enumerable.Range(0, orderCount)
            .Select(_ => now.AddMinutes(-random.Next(5, 30 * 24 * 60)))
            .Order()
            .ToList();
        foreach (var placedAt in times)
        {
            var merchant = merchants[random.Next(100) < 65 ? 0 : Math.Min(1, merchants.Count - 1)];
            var sellable = items.Where(i => i.Currency == merchant.Currency).ToList();
            if (sellable.Count == 0)
            {
                continue;
            }

            await PlaceOneAsync(merchant, sellable, placedAt, random, ct);
        }

        logger.LogInformation("Demo history: placed {Count} orders over the last 30 days.", orderCount);
    }

    private async Task PlaceOneAsync(MerchantSummary merchant, List<CatalogItem> sellable, DateTime placedAt, Random random, CancellationToken ct)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var customer = new CustomerRef(
            Email: $"{Ascii(first)}.{Ascii(last)}{random.Next(1, 40)}@example.com".ToLowerInvariant(),
            Name: $"{first} {last}");
        var lineCount = random.Next(100) < 80 ? 1 : 2;
        var lines = Enumerable.Range(0, lineCount).Select(_ => Line(sellable[random.Next(sellable.Count)], random)).ToList();
        var actor = Actor.User("demo", "Demo history", merchant.Id, Roles.Merchant);
        var source = random.Next(100) < 55 ? OrderSource.Api : OrderSource.Dashboard;
        var placed = await orders.PlaceAsync(new PlaceOrder(merchant.Id, customer, lines, PaymentChoice.Balance, source,
            MerchantOrderId: source == OrderSource.Api ? $"{merchant.Name[..2].ToUpperInvariant()}-{random.Next(100_000, 999_999)}" : null), actor, ct);
        if (!placed.Succeeded)
        {
            return;
        }

        var orderId = placed.Value.Order.Order.Id;
        if (random.Next(100) < 4)
        {
            await cancellation.CancelAsync(orderId, "Customer changed their mind", actor, ct);
        }

        while (await jobs.RunDueJobsAsync("demo-seeder", ct) > 0)
        {
        }

        await BackdateAsync(orderId, placedAt, random, ct);
    }

    /// <summary>The name without accents, for an email address (Müller → muller).</summary>
    private static string Ascii(string name) => new([.. name.Normalize(System.Text.NormalizationForm.FormD)
        .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);

    private static PlaceOrderLine Line(CatalogItem item, Random random) => item.Type switch
    {
        ProductType.Key => new PlaceOrderLine(item.Id, random.Next(100) < 75 ? 1 : random.Next(2, 4)),
        ProductType.TopUp => new PlaceOrderLine(item.Id,
            (item.MinAmountMinor + item.StepMinor * random.Next(0, (int)Math.Min(8, (item.MaxAmountMinor - item.MinAmountMinor) / item.StepMinor) + 1)) / 100m,
            FieldValues(item, random)),
        _ => new PlaceOrderLine(item.Id, null, FieldValues(item, random)),
    };

    private static Dictionary<string, string?> FieldValues(CatalogItem item, Random random) => item.Fields.ToDictionary(
        f => f.Key,
        f => (string?)(f.Type == FieldType.Choice
            ? f.Choices[random.Next(f.Choices.Count)].Id.ToString(CultureInfo.InvariantCulture)
            : f.Key switch
            {
                "phone_number" when item.Currency == "USD" => $"+1{random.NextInt64(2_000_000_000, 9_999_999_999)}",
                "phone_number" => $"+44{random.NextInt64(7_000_000_000, 7_999_999_999)}",
                "account_id" when f.Pattern is not null => $"LGC-{random.Next(100_000, 999_999)}",
                "account_id" => $"player{random.Next(1000, 99_999)}",
                _ => "Billing question",
            }));

    private async Task<List<CatalogItem>> LoadItemsAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // Delayed deliveries are left out of the history: they would only slow the first start.
        return await db.CatalogItems.AsNoTracking().Where(i => i.IsActive && i.Behaviour != FulfilmentBehaviour.Delay).ToListAsync(ct);
    }

    private async Task DepositAsync(MerchantSummary merchant, DateTime at, CancellationToken ct)
    {
        var amount = merchant.Currency == "USD" ? 15_000m : 8_000m;
        var deposit = await ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, amount, "Opening deposit (bank transfer)", "demo-opening-deposit"), Actor.System, ct);
        if (deposit.Succeeded)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            await db.LedgerEntries.Where(e => e.Id == deposit.Value.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedAt, at), ct);
        }
    }

    /// <summary>Moves an order, its timeline, its ledger entries and its delivered codes back to when it "happened".</summary>
    private async Task BackdateAsync(Guid orderId, DateTime placedAt, Random random, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
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
    }
}
