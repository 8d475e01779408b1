using System.Net;
using MerchantPortal.ApiKeys;
using MerchantPortal.Caching;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Caching;

public sealed class ReferenceCacheTests : ReferenceCacheTest
{
    [Fact]
    public async Task A_cached_merchant_item_and_key_are_served_without_a_database_query()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 700);
        var key = await CreateKeyAsync(merchant.Id);
        var authenticator = Host.Get<ApiKeyAuthenticator>();
        await Cache.GetMerchantAsync(merchant.Id);
        await Cache.GetCatalogItemsAsync([item.Id]);
        Assert.True((await authenticator.AuthenticateAsync(key.Secret, IPAddress.Loopback, "/api/v1/orders")).Succeeded);

        Commands.Reset();
        var cachedMerchant = await Cache.GetMerchantAsync(merchant.Id);
        var cachedItems = await Cache.GetCatalogItemsAsync([item.Id, item.Id]);
        var actor = await authenticator.AuthenticateAsync(key.Secret, IPAddress.Loopback, "/api/v1/orders");

        Assert.Empty(Commands.Commands);
        Assert.Equal(merchant.Name, cachedMerchant?.Name);
        Assert.Equal(700, Assert.Single(cachedItems).Value.UnitPriceMinor);
        Assert.Equal(merchant.Id, actor.Value.MerchantId);
    }

    [Fact]
    public async Task Items_missing_from_the_cache_are_read_in_one_query_and_unknown_ids_are_left_out()
    {
        var first = await Host.Catalog.KeyItemAsync();
        var second = await Host.Catalog.ServiceItemAsync();
        await Cache.GetCatalogItemsAsync([first.Id]);

        Commands.Reset();
        var items = await Cache.GetCatalogItemsAsync([first.Id, second.Id, 999_999]);

        Assert.Single(Commands.Commands);
        Assert.Equal([first.Id, second.Id], items.Keys.Order());
    }

    [Fact]
    public async Task A_price_change_and_a_deactivation_of_a_catalog_item_are_seen_by_the_next_look_up()
    {
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 500);
        var catalog = Host.Get<CatalogService>();
        Assert.Equal(500, (await Cache.GetCatalogItemsAsync([item.Id]))[item.Id].UnitPriceMinor);

        var repriced = await catalog.UpdateAsync(item.Id, new SaveCatalogItem(item.Sku, item.Name, null, ProductType.Key, item.Currency,
            UnitPriceMinor: 650, MinQuantity: 1, MaxQuantity: 100), TestActors.Admin);
        Assert.True(repriced.Succeeded, repriced.Error?.Message);
        Assert.Equal(650, (await Cache.GetCatalogItemsAsync([item.Id]))[item.Id].UnitPriceMinor);

        Assert.True((await catalog.SetActiveAsync(item.Id, false, TestActors.Admin)).Succeeded);
        Assert.False((await Cache.GetCatalogItemsAsync([item.Id]))[item.Id].IsActive);
    }

    [Fact]
    public async Task A_merchant_deactivation_and_a_fee_change_are_seen_by_the_next_look_up()
    {
        var created = await Host.Catalog.MerchantAsync();
        var merchants = Host.Get<MerchantService>();
        Assert.True((await Cache.GetMerchantAsync(created.Id))!.IsActive);

        Assert.True((await merchants.SetActiveAsync(created.Id, false, TestActors.Admin)).Succeeded);
        Assert.False((await Cache.GetMerchantAsync(created.Id))!.IsActive);

        Assert.True((await merchants.UpdateAsync(created.Id, new UpdateMerchant(created.Name, 250, 1_000), TestActors.Admin)).Succeeded);
        var merchant = await Cache.GetMerchantAsync(created.Id);
        Assert.Equal((250, 1_000), (merchant!.FeeBasisPoints, merchant.TaxBasisPoints));
    }

    [Fact]
    public async Task An_item_and_a_merchant_changed_on_one_instance_are_dropped_on_another_after_its_change_feed_poll()
    {
        await using var other = await SecondInstanceAsync();
        var otherCache = other.Get<ReferenceCache>();
        var merchant = await Host.Catalog.MerchantAsync();
        var item = await Host.Catalog.KeyItemAsync();
        Assert.True((await otherCache.GetMerchantAsync(merchant.Id))!.IsActive);
        Assert.True((await otherCache.GetCatalogItemsAsync([item.Id]))[item.Id].IsActive);

        Assert.True((await Host.Get<MerchantService>().SetActiveAsync(merchant.Id, false, TestActors.Admin)).Succeeded);
        Assert.True((await Host.Get<CatalogService>().SetActiveAsync(item.Id, false, TestActors.Admin)).Succeeded);

        await AfterPollsAsync(other, async () => !(await otherCache.GetMerchantAsync(merchant.Id))!.IsActive
            && !(await otherCache.GetCatalogItemsAsync([item.Id]))[item.Id].IsActive, "the other instance to see both deactivations");
    }

    [Fact]
    public async Task A_change_made_behind_the_apps_back_is_seen_once_the_entry_reaches_its_maximum_age()
    {
        var created = await Host.Catalog.MerchantAsync();
        Assert.True((await Cache.GetMerchantAsync(created.Id))!.IsActive);
        await using (var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            await db.Merchants.Where(m => m.Id == created.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeactivatedAt, DateTime.UtcNow));
        }

        Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.True((await Cache.GetMerchantAsync(created.Id))!.IsActive);

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False((await Cache.GetMerchantAsync(created.Id))!.IsActive);
    }
}
