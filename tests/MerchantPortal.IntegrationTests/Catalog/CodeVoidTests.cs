using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Catalog;

/// <summary>Voiding available codes: audited, never delivered afterwards, not stock, and safe against a racing delivery.</summary>
public sealed class CodeVoidTests : CoreServiceTest
{
    private KeyInventoryService Inventory => Host.Get<KeyInventoryService>();

    [Fact]
    public async Task Voiding_an_available_code_is_audited_and_it_no_longer_counts_as_stock()
    {
        var item = await Host.Catalog.KeyItemAsync(codes: 3);
        var code = await OldestCodeAsync(item.Id);

        var voided = await Inventory.VoidAsync(code.Id, TestActors.Admin);

        Assert.True(voided.Succeeded, voided.Error?.Message);
        Assert.Equal(KeyCodeStatus.Voided, voided.Value.Status);
        Assert.NotNull(voided.Value.VoidedAt);
        var catalog = Host.Get<CatalogService>();
        Assert.Equal(2, (await catalog.GetAsync(item.Id, Actor.System))!.Stock);
        Assert.Equal(2, Assert.Single((await catalog.SearchAsync(new CatalogQuery(Search: item.Sku), Actor.System)).Items).Stock);
        Assert.Equal(2, Assert.Single((await catalog.ListAsync(new CatalogQuery(Search: item.Sku), Actor.System)).Items).Stock);
        Assert.Equal(0, (await catalog.GetAsync(item.Id, Actor.System))!.DeliveredCodes);
        await using var db = await DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.CodeVoided);
        Assert.Equal((TestActors.Admin.Id, "key_code", code.Id.ToString()), (entry.ActorId, entry.TargetType, entry.TargetId));
        Assert.Contains(item.Sku, entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_voided_code_is_never_delivered()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 2);
        var voided = await OldestCodeAsync(item.Id);
        Assert.True((await Inventory.VoidAsync(voided.Id, TestActors.Admin)).Succeeded);

        var order = await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, item.Id, quantity: 2);
        await Host.DrainJobsAsync();

        await using var db = await DbAsync();
        var after = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == order.Order.Id);
        Assert.Equal((OrderStatus.Partial, 1), (after.Status, after.Lines[0].DeliveredUnits));
        var stillVoided = await db.KeyCodes.SingleAsync(c => c.Id == voided.Id);
        Assert.Equal((KeyCodeStatus.Voided, (long?)null, (DateTime?)null), (stillVoided.Status, stillVoided.OrderLineId, stillVoided.DeliveredAt));
        Assert.Equal(1, await db.KeyCodes.CountAsync(c => c.OrderLineId == after.Lines[0].Id && c.Id != voided.Id));
    }

    [Fact]
    public async Task An_order_for_an_item_whose_only_code_is_voided_fails_out_of_stock()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 1);
        await Inventory.VoidAsync((await OldestCodeAsync(item.Id)).Id, TestActors.Admin);

        var order = await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, item.Id);
        await Host.DrainJobsAsync();

        await using var db = await DbAsync();
        var after = await db.Orders.SingleAsync(o => o.Id == order.Order.Id);
        Assert.Equal((OrderStatus.Failed, OrderErrorCodes.OutOfStock), (after.Status, after.ErrorCode));
    }

    [Fact]
    public async Task Voiding_a_voided_code_again_changes_nothing_and_is_audited_once()
    {
        var item = await Host.Catalog.KeyItemAsync(codes: 1);
        var code = await OldestCodeAsync(item.Id);
        var first = await Inventory.VoidAsync(code.Id, TestActors.Admin);

        var again = await Inventory.VoidAsync(code.Id, TestActors.Admin);

        Assert.True(again.Succeeded);
        Assert.Equal((KeyCodeStatus.Voided, first.Value.VoidedAt), (again.Value.Status, again.Value.VoidedAt));
        await using var db = await DbAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.CodeVoided));
    }

    [Fact]
    public async Task A_delivered_code_cannot_be_voided()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 1);
        await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, item.Id);
        await Host.DrainJobsAsync();
        var code = await OldestCodeAsync(item.Id);

        var result = await Inventory.VoidAsync(code.Id, TestActors.Admin);

        Assert.Equal(("CODE_DELIVERED", ErrorKind.Rule), (result.Error!.Code, result.Error.Kind));
        await using var db = await DbAsync();
        Assert.Equal(KeyCodeStatus.Delivered, (await db.KeyCodes.SingleAsync(c => c.Id == code.Id)).Status);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.CodeVoided));
    }

    [Fact]
    public async Task Only_admins_void_codes()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var item = await Host.Catalog.KeyItemAsync(codes: 1);
        var code = await OldestCodeAsync(item.Id);
        var apiKey = Actor.ApiKey("key-1", "Shop key", merchant.Id, new HashSet<string>(Scopes.All));

        foreach (var actor in new[] { TestActors.Support, TestActors.MerchantUser(merchant.Id), apiKey })
        {
            var result = await Inventory.VoidAsync(code.Id, actor);
            Assert.Equal(("KEY_INVENTORY_NOT_ALLOWED", ErrorKind.Forbidden), (result.Error!.Code, result.Error.Kind));
        }

        await using var db = await DbAsync();
        Assert.Equal(KeyCodeStatus.Available, (await db.KeyCodes.SingleAsync(c => c.Id == code.Id)).Status);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.CodeVoided));
    }

    [Fact]
    public async Task Voiding_an_unknown_code_is_not_found()
    {
        var result = await Inventory.VoidAsync(424242, TestActors.Admin);

        Assert.Equal(("CODE_NOT_FOUND", ErrorKind.NotFound), (result.Error!.Code, result.Error.Kind));
    }

    [Fact]
    public async Task Voids_racing_deliveries_leave_every_code_delivered_or_voided_never_both()
    {
        const int Codes = 24;
        var merchant = await Host.Catalog.MerchantAsync(balance: 1000m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: Codes);
        var orders = new TestOrders(Host.Services);
        for (var i = 0; i < Codes; i++)
        {
            await orders.PlaceKeyOrderAsync(merchant.Id, item.Id);
        }

        await using var db = await DbAsync();
        var codeIds = await db.KeyCodes.Where(c => c.ItemId == item.Id).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();

        // Two workers deliver the orders oldest code first; once the first code is out, admins void every code in the
        // same order, so voids and deliveries meet on the same codes.
        var delivering = Task.WhenAll(Task.Run(() => Host.DrainJobsAsync("worker-1")), Task.Run(() => Host.DrainJobsAsync("worker-2")));
        await Eventually.HoldsAsync(() => db.KeyCodes.AnyAsync(c => c.ItemId == item.Id && c.Status == KeyCodeStatus.Delivered), "the first delivery");
        var voids = await Task.WhenAll(codeIds.Select(id => Task.Run(() => Inventory.VoidAsync(id, TestActors.Admin))));
        await delivering;
        var results = codeIds.Zip(voids).ToDictionary(r => r.First, r => r.Second);
        await Host.DrainJobsAsync();

        var codes = await db.KeyCodes.AsNoTracking().Where(c => c.ItemId == item.Id).ToListAsync();
        foreach (var code in codes)
        {
            var result = results[code.Id];
            if (code.Status == KeyCodeStatus.Voided)
            {
                Assert.True(result.Succeeded, $"code {code.Id} is voided but its void answered {result.Error?.Code}");
                Assert.Null(code.OrderLineId);
                Assert.Null(code.DeliveredAt);
            }
            else
            {
                Assert.Equal(KeyCodeStatus.Delivered, code.Status);
                Assert.NotNull(code.OrderLineId);
                Assert.Null(code.VoidedAt);
                Assert.Equal("CODE_DELIVERED", result.Error?.Code);
            }
        }

        var voidedCount = codes.Count(c => c.Status == KeyCodeStatus.Voided);
        var finished = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.MerchantId == merchant.Id).ToListAsync();
        Assert.Equal(Codes - voidedCount, finished.Sum(o => o.Lines.Sum(l => l.DeliveredUnits)));
        Assert.Equal(Codes - voidedCount, finished.Count(o => o.Status == OrderStatus.Completed));
        Assert.Equal(voidedCount, finished.Count(o => o.Status == OrderStatus.Failed && o.ErrorCode == OrderErrorCodes.OutOfStock));
        Assert.Equal(voidedCount, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.CodeVoided));
    }

    private async Task<KeyCode> OldestCodeAsync(long itemId)
    {
        await using var db = await DbAsync();
        return await db.KeyCodes.AsNoTracking().Where(c => c.ItemId == itemId).OrderBy(c => c.Id).FirstAsync();
    }

    private Task<PortalDb> DbAsync() => Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
}
