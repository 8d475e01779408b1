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
}
