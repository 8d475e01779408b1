using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Audit;

namespace MerchantPortal.IntegrationTests.AuditLog;

public sealed class AuditQueriesTests : CoreServiceTest
{
    [Fact]
    public async Task Entries_about_orders_items_and_codes_link_to_their_page_and_item_edits_keep_before_and_after()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(codes: 2);
        var order = await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, item.Id);
        var catalog = Host.Get<CatalogService>();
        var updated = await catalog.UpdateAsync(item.Id, new SaveCatalogItem(item.Sku, "Renamed key", null, ProductType.Key, item.Currency,
            UnitPriceMinor: 650, MinQuantity: item.MinQuantity, MaxQuantity: item.MaxQuantity), TestActors.Admin);
        Assert.True(updated.Succeeded, updated.Error?.Message);

        var rows = (await Host.Get<AuditQueries>().SearchAsync(new AuditQuery(PageSize: 100))).Items;

        var placed = rows.Single(r => r.Action == AuditActions.OrderPlaced);
        Assert.Equal(($"/orders/{order.Order.Id}", "Open order"), AuditLinks.For(placed));
        var edit = rows.Single(r => r.Action == AuditActions.CatalogItemUpdated);
        Assert.Equal(($"/catalog/{item.Id}", "Open item"), AuditLinks.For(edit));
        Assert.Equal([new AuditChange("name", "Test game key", "Renamed key"), new AuditChange("unit_price_minor", "500", "650")], edit.Changes);
    }
}
