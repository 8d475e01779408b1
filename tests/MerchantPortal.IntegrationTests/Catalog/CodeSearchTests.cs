using MerchantPortal.Catalog;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Catalog;

/// <summary>Finding an item's codes by how they end, on the server, page by page.</summary>
public sealed class CodeSearchTests : CoreServiceTest
{
    private static readonly string[] Codes = ["AAAA-1234", "BBBB-5234", "CCCC-9999", "DDDD-x234", "EEEE-10_4", "FFFF-1%34"];

    private KeyInventoryService Inventory => Host.Get<KeyInventoryService>();

    [Theory]
    [InlineData("234", 3)]
    [InlineData("X234", 1)]
    [InlineData(" 1234 ", 1)]
    [InlineData("4", 5)]
    [InlineData("_4", 1)]
    [InlineData("%34", 1)]
    [InlineData("0000", 0)]
    [InlineData("", 6)]
    public async Task Codes_are_found_by_up_to_their_last_four_characters_regardless_of_case(string endsWith, int found)
    {
        var item = await ItemWithCodesAsync();

        var page = await Inventory.ListAsync(item.Id, new KeyCodeQuery(EndsWith: endsWith), TestActors.Admin);

        Assert.Equal(found, page.TotalCount);
        Assert.All(page.Items, c => Assert.EndsWith(endsWith.Trim(), c.Masked, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_longer_search_is_the_whole_code_matched_exactly()
    {
        var item = await ItemWithCodesAsync();

        var whole = await Inventory.ListAsync(item.Id, new KeyCodeQuery(EndsWith: "BBBB-5234"), TestActors.Admin);
        var otherCase = await Inventory.ListAsync(item.Id, new KeyCodeQuery(EndsWith: "bbbb-5234"), TestActors.Admin);
        var longerSuffix = await Inventory.ListAsync(item.Id, new KeyCodeQuery(EndsWith: "-5234"), TestActors.Admin);

        Assert.Equal("•••• •••• 5234", Assert.Single(whole.Items).Masked);
        Assert.Equal(0, otherCase.TotalCount);
        Assert.Equal(0, longerSuffix.TotalCount);
    }

    [Fact]
    public async Task The_search_pages_and_combines_with_the_status_filter()
    {
        var item = await Host.Catalog.KeyItemAsync();
        await Inventory.AddCodesAsync(item.Id, [.. Enumerable.Range(0, 30).Select(i => $"CODE-{i:D2}-77")], TestActors.Admin);
        await Inventory.AddCodesAsync(item.Id, ["OTHER-0000"], TestActors.Admin);
        var newest77 = (await Inventory.ListAsync(item.Id, new KeyCodeQuery(EndsWith: "77", PageSize: 1), TestActors.Admin)).Items[0];
        await Inventory.VoidAsync(newest77.Id, TestActors.Admin);

        var first = await Inventory.ListAsync(item.Id, new KeyCodeQuery(EndsWith: "-77", Page: 0, PageSize: 25), TestActors.Admin);
        var second = await Inventory.ListAsync(item.Id, new KeyCodeQuery(EndsWith: "-77", Page: 1, PageSize: 25), TestActors.Admin);
        var available = await Inventory.ListAsync(item.Id, new KeyCodeQuery(KeyCodeStatus.Available, "-77"), TestActors.Admin);
        var voided = await Inventory.ListAsync(item.Id, new KeyCodeQuery(KeyCodeStatus.Voided, "-77"), TestActors.Admin);

        Assert.Equal((30, 25, 5), (first.TotalCount, first.Items.Count, second.Items.Count));
        Assert.Empty(first.Items.Select(c => c.Id).Intersect(second.Items.Select(c => c.Id)));
        Assert.Equal(29, available.TotalCount);
        Assert.Equal(newest77.Id, Assert.Single(voided.Items).Id);
    }

    [Fact]
    public async Task A_merchant_searching_finds_only_codes_delivered_to_its_own_orders()
    {
        var item = await ItemWithCodesAsync();
        var merchant = await Host.Catalog.MerchantAsync();

        var page = await Inventory.ListAsync(item.Id, new KeyCodeQuery(EndsWith: "234"), TestActors.MerchantUser(merchant.Id));

        Assert.Equal(0, page.TotalCount);
    }

    private async Task<CatalogItem> ItemWithCodesAsync()
    {
        var item = await Host.Catalog.KeyItemAsync();
        Assert.True((await Inventory.AddCodesAsync(item.Id, Codes, TestActors.Admin)).Succeeded);
        return item;
    }
}
