using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Security;

/// <summary>The services themselves keep a merchant actor (user or API key) to its own merchant's data, whatever a caller asks for.</summary>
public sealed class MerchantScopedReadsTests : CoreServiceTest
{
    [Fact]
    public async Task A_merchant_actor_never_reads_another_merchants_customers()
    {
        var (mine, theirs) = await TwoMerchantsWithOrdersAsync();
        var customers = Host.Get<CustomerService>();

        var asked = await customers.SearchAsync(new CustomerQuery(theirs.Id), Merchant(mine.Id));
        var unfiltered = await customers.SearchAsync(new CustomerQuery(null), Merchant(mine.Id));
        var apiKey = await customers.SearchAsync(new CustomerQuery(theirs.Id), ApiKey(mine.Id));

        Assert.Empty(asked.Items);
        Assert.Equal(0, asked.TotalCount);
        Assert.Empty(apiKey.Items);
        Assert.All(unfiltered.Items, c => Assert.Equal(mine.Id, c.MerchantId));
        Assert.Single(unfiltered.Items);
        Assert.Equal(2, (await customers.SearchAsync(new CustomerQuery(null), TestActors.Support)).TotalCount);
    }

    [Fact]
    public async Task A_merchant_actor_never_reads_another_merchants_balance_or_ledger()
    {
        var (mine, theirs) = await TwoMerchantsWithOrdersAsync();
        var ledger = Host.Get<LedgerService>();

        Assert.Null(await ledger.GetBalanceAsync(theirs.Id, Merchant(mine.Id)));
        Assert.Null(await ledger.GetBalanceAsync(theirs.Id, ApiKey(mine.Id)));
        Assert.Empty((await ledger.HistoryAsync(theirs.Id, 0, 10, Merchant(mine.Id))).Items);
        Assert.NotNull(await ledger.GetBalanceAsync(mine.Id, Merchant(mine.Id)));
        Assert.NotEmpty((await ledger.HistoryAsync(mine.Id, 0, 10, Merchant(mine.Id))).Items);
        Assert.NotNull(await ledger.GetBalanceAsync(theirs.Id, TestActors.Support));
    }

    [Fact]
    public async Task A_merchant_actor_reads_only_the_catalog_it_can_order()
    {
        var active = await Host.Catalog.KeyItemAsync(codes: 3);
        var retired = await Host.Catalog.KeyItemAsync(codes: 2);
        var catalog = Host.Get<CatalogService>();
        await catalog.SetActiveAsync(retired.Id, false, TestCatalog.Admin);
        var merchant = await Host.Catalog.MerchantAsync();

        Assert.Null(await catalog.GetAsync(retired.Id, Merchant(merchant.Id)));
        Assert.Null(await catalog.GetAsync(retired.Id, ApiKey(merchant.Id)));
        Assert.Null(await catalog.GetAsync(999_999, TestCatalog.Admin));
        Assert.Equal(3, (await catalog.GetAsync(active.Id, ApiKey(merchant.Id)))!.Stock);
        Assert.NotNull(await catalog.GetAsync(retired.Id, TestCatalog.Admin));

        var merchantList = await catalog.ListAsync(new CatalogQuery(IncludeInactive: true), ApiKey(merchant.Id));
        var adminList = await catalog.ListAsync(new CatalogQuery(IncludeInactive: true), TestCatalog.Admin);
        var merchantSearch = await catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), Merchant(merchant.Id));

        Assert.Equal([active.Id], merchantList.Items.Select(i => i.Item.Id));
        Assert.Equal(3, merchantList.Items.Single().Stock);
        Assert.Equal([active.Id], merchantSearch.Items.Select(i => i.Id));
        Assert.Equal(2, adminList.TotalCount);
    }

    [Fact]
    public async Task Catalog_list_gives_each_key_item_its_available_codes_and_other_items_no_stock()
    {
        var key = await Host.Catalog.KeyItemAsync(codes: 4);
        var topUp = await Host.Catalog.TopUpItemAsync();

        var list = await Host.Get<CatalogService>().ListAsync(new CatalogQuery(PageSize: 10), TestActors.Support);

        Assert.Equal(4, list.Items.Single(i => i.Item.Id == key.Id).Stock);
        Assert.Null(list.Items.Single(i => i.Item.Id == topUp.Id).Stock);
        Assert.Equal(2, list.Items.Single(i => i.Item.Id == topUp.Id).Item.Fields.Count);
    }

    [Fact]
    public async Task A_merchant_actor_lists_only_the_codes_delivered_to_its_own_orders()
    {
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 5);
        var mine = await Host.Catalog.MerchantAsync(balance: 100m);
        var theirs = await Host.Catalog.MerchantAsync(balance: 100m);
        var orders = new TestOrders(Host.Services);
        await orders.PlaceKeyOrderAsync(mine.Id, key.Id, quantity: 1);
        await orders.PlaceKeyOrderAsync(theirs.Id, key.Id, quantity: 2);
        await Host.DrainJobsAsync();
        var inventory = Host.Get<KeyInventoryService>();

        Assert.Equal(1, (await inventory.ListAsync(key.Id, new KeyCodeQuery(PageSize: 10), Merchant(mine.Id))).TotalCount);
        Assert.Equal(5, (await inventory.ListAsync(key.Id, new KeyCodeQuery(PageSize: 10), TestCatalog.Admin)).TotalCount);
    }

    private async Task<(Merchants.MerchantSummary Mine, Merchants.MerchantSummary Theirs)> TwoMerchantsWithOrdersAsync()
    {
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 5);
        var mine = await Host.Catalog.MerchantAsync(balance: 100m);
        var theirs = await Host.Catalog.MerchantAsync(balance: 100m);
        var orders = new TestOrders(Host.Services);
        await orders.PlaceKeyOrderAsync(mine.Id, key.Id);
        await orders.PlaceKeyOrderAsync(theirs.Id, key.Id, customerEmail: "secret@theirs.example");
        return (mine, theirs);
    }

    private static Actor Merchant(Guid merchantId) => TestActors.MerchantUser(merchantId);

    private static Actor ApiKey(Guid merchantId) => Actor.ApiKey("key-1", "Test key", merchantId, new HashSet<string>(Scopes.All));
}
