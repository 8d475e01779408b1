using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Catalog;

/// <summary>The catalog list as pages show it: stock for keys and the rate of top-ups.</summary>
public sealed class CatalogSearchTests : CoreServiceTest
{
    [Fact]
    public async Task A_top_up_is_listed_with_its_face_value_range_and_rate()
    {
        var topUp = await Host.Catalog.TopUpItemAsync(minMinor: 500, maxMinor: 10_000, rateBps: 9_500);

        var page = await Host.Get<CatalogService>().SearchAsync(new CatalogQuery(Type: ProductType.TopUp), Actor.System);

        var row = Assert.Single(page.Items);
        Assert.Equal(topUp.Id, row.Id);
        Assert.Equal((500, 10_000, 9_500), (row.MinAmountMinor, row.MaxAmountMinor, row.RateBasisPoints));
        Assert.Null(row.Stock);
    }

    [Fact]
    public async Task A_key_is_listed_with_its_unsold_codes_as_stock()
    {
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1_250, codes: 3);

        var page = await Host.Get<CatalogService>().SearchAsync(new CatalogQuery(Search: key.Sku), Actor.System);

        var row = Assert.Single(page.Items);
        Assert.Equal((1_250L, 3), (row.UnitPriceMinor, row.Stock));
        Assert.Equal(10_000, row.RateBasisPoints);
    }

    [Fact]
    public async Task A_merchant_sees_only_active_items_in_its_own_currency_and_cannot_open_the_others()
    {
        var merchant = await Host.Catalog.MerchantAsync(currency: "EUR");
        var euros = await Host.Catalog.KeyItemAsync(currency: "EUR", codes: 1);
        var dollars = await Host.Catalog.KeyItemAsync(currency: "USD", codes: 1);
        var retired = await Host.Catalog.KeyItemAsync(currency: "EUR", codes: 1);
        var catalog = Host.Get<CatalogService>();
        Assert.Null((await catalog.SetActiveAsync(retired.Id, false, TestCatalog.Admin)).Error);
        var actor = TestActors.MerchantUser(merchant.Id);

        var page = await catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), actor);
        var export = await catalog.ListAsync(new CatalogQuery(IncludeInactive: true), actor);

        Assert.Equal([euros.Id], page.Items.Select(i => i.Id));
        Assert.Equal([euros.Id], export.Items.Select(i => i.Item.Id));
        Assert.NotNull(await catalog.GetAsync(euros.Id, actor));
        Assert.Null(await catalog.GetAsync(dollars.Id, actor));
        Assert.Null(await catalog.GetAsync(retired.Id, actor));
        Assert.NotNull(await catalog.GetAsync(dollars.Id, Actor.System));
        Assert.Equal(3, (await catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), Actor.System)).TotalCount);
    }
}
