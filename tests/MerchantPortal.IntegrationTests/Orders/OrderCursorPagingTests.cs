using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>The API's orders list: keyset pages newest first, with Stripe's starting_after, ending_before and has_more.</summary>
public sealed class OrderCursorPagingTests : CoreServiceTest
{
    private OrderQueries Queries => Host.Get<OrderQueries>();

    [Fact]
    public async Task Paging_forward_walks_every_order_newest_first_and_says_when_there_is_more()
    {
        var (merchant, placed) = await TwentyFiveOrdersAsync();
        var newestFirst = placed.AsEnumerable().Reverse().ToList();
        var actor = ApiKey(merchant);

        var first = await ListAsync(new OrderCursor(Limit: 10), actor);
        var second = await ListAsync(new OrderCursor(StartingAfter: first.Items[^1].Id, Limit: 10), actor);
        var third = await ListAsync(new OrderCursor(StartingAfter: second.Items[^1].Id, Limit: 10), actor);

        Assert.Equal(newestFirst[..10], first.Items.Select(o => o.Id));
        Assert.Equal(newestFirst[10..20], second.Items.Select(o => o.Id));
        Assert.Equal(newestFirst[20..], third.Items.Select(o => o.Id));
        Assert.Equal([true, true, false], new[] { first.HasMore, second.HasMore, third.HasMore });
    }

    [Fact]
    public async Task Paging_backward_returns_the_page_before_still_newest_first()
    {
        var (merchant, placed) = await TwentyFiveOrdersAsync();
        var newestFirst = placed.AsEnumerable().Reverse().ToList();
        var actor = ApiKey(merchant);

        var beforeOldest = await ListAsync(new OrderCursor(EndingBefore: newestFirst[^1], Limit: 10), actor);
        var beforeThat = await ListAsync(new OrderCursor(EndingBefore: beforeOldest.Items[0].Id, Limit: 10), actor);
        var newest = await ListAsync(new OrderCursor(EndingBefore: beforeThat.Items[0].Id, Limit: 10), actor);

        Assert.Equal(newestFirst[14..24], beforeOldest.Items.Select(o => o.Id));
        Assert.Equal(newestFirst[4..14], beforeThat.Items.Select(o => o.Id));
        Assert.Equal(newestFirst[..4], newest.Items.Select(o => o.Id));
        Assert.Equal([true, true, false], new[] { beforeOldest.HasMore, beforeThat.HasMore, newest.HasMore });
        Assert.Empty((await ListAsync(new OrderCursor(EndingBefore: newestFirst[0]), actor)).Items);
    }

    [Fact]
    public async Task A_page_exactly_filling_the_rest_has_no_more()
    {
        var (merchant, placed) = await TwentyFiveOrdersAsync();

        var all = await ListAsync(new OrderCursor(Limit: 25), ApiKey(merchant));
        var afterFifth = await ListAsync(new OrderCursor(StartingAfter: placed[^5], Limit: 20), ApiKey(merchant));

        Assert.Equal(25, all.Items.Count);
        Assert.False(all.HasMore);
        Assert.Equal(20, afterFifth.Items.Count);
        Assert.False(afterFifth.HasMore);
    }

    [Fact]
    public async Task Filters_apply_to_cursor_pages_including_exact_merchant_order_id_and_external_reference()
    {
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 10);
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var orders = new TestOrders(Host.Services);
        var invoiced = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            invoiced.Add((await orders.PlaceKeyOrderAsync(merchant.Id, key.Id, externalReference: "INV-7")).Order.Id);
            await orders.PlaceKeyOrderAsync(merchant.Id, key.Id, externalReference: "INV-8");
        }

        var byShopId = (await orders.PlaceKeyOrderAsync(merchant.Id, key.Id, merchantOrderId: "shop-42")).Order.Id;
        await orders.PlaceKeyOrderAsync(merchant.Id, key.Id, merchantOrderId: "shop-420");

        var reference = new OrderQuery { ExternalReference = "INV-7" };
        var first = await ListAsync(new OrderCursor(Limit: 2), ApiKey(merchant.Id), reference);
        var rest = await ListAsync(new OrderCursor(StartingAfter: first.Items[^1].Id, Limit: 2), ApiKey(merchant.Id), reference);
        var shop = await ListAsync(new OrderCursor(), ApiKey(merchant.Id), new OrderQuery { MerchantOrderId = "shop-42" });

        Assert.Equal([invoiced[2], invoiced[1]], first.Items.Select(o => o.Id));
        Assert.True(first.HasMore);
        Assert.Equal([invoiced[0]], rest.Items.Select(o => o.Id));
        Assert.False(rest.HasMore);
        Assert.Equal("INV-7", rest.Items[0].ExternalReference);
        Assert.Equal([byShopId], shop.Items.Select(o => o.Id));
    }

    [Fact]
    public async Task A_cursor_naming_another_merchants_order_is_invalid_and_reveals_nothing()
    {
        var (merchant, _) = await TwentyFiveOrdersAsync(count: 2);
        var (other, theirs) = await TwentyFiveOrdersAsync(count: 2);

        var after = await Queries.ListAsync(new OrderQuery(), new OrderCursor(StartingAfter: theirs[0]), ApiKey(merchant));
        var before = await Queries.ListAsync(new OrderQuery(), new OrderCursor(EndingBefore: theirs[0]), ApiKey(merchant));
        var unknown = await Queries.ListAsync(new OrderQuery(), new OrderCursor(StartingAfter: Guid.NewGuid()), ApiKey(merchant));
        var foreignQuery = await Queries.ListAsync(new OrderQuery { MerchantId = other }, new OrderCursor(), ApiKey(merchant));

        Assert.Equal(("CURSOR_INVALID", "starting_after", ErrorKind.Validation), (after.Error!.Code, after.Error.Field, after.Error.Kind));
        Assert.Equal(("CURSOR_INVALID", "ending_before"), (before.Error!.Code, before.Error.Field));
        Assert.Equal("CURSOR_INVALID", unknown.Error!.Code);
        Assert.All(foreignQuery.Value.Items, o => Assert.Equal(merchant, o.MerchantId));
    }

    [Fact]
    public async Task Both_cursors_at_once_or_a_limit_out_of_range_are_refused()
    {
        var (merchant, placed) = await TwentyFiveOrdersAsync(count: 2);

        var both = await Queries.ListAsync(new OrderQuery(), new OrderCursor(placed[0], placed[1]), ApiKey(merchant));
        var zero = await Queries.ListAsync(new OrderQuery(), new OrderCursor(Limit: 0), ApiKey(merchant));
        var tooMany = await Queries.ListAsync(new OrderQuery(), new OrderCursor(Limit: OrderCursor.MaxLimit + 1), ApiKey(merchant));

        Assert.Equal("CURSOR_INVALID", both.Error!.Code);
        Assert.Equal(("LIMIT_INVALID", "limit"), (zero.Error!.Code, zero.Error.Field));
        Assert.Equal("LIMIT_INVALID", tooMany.Error!.Code);
    }

    [Fact]
    public async Task The_portal_search_finds_an_order_by_its_exact_external_reference()
    {
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 5);
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var orders = new TestOrders(Host.Services);
        var invoiced = await orders.PlaceKeyOrderAsync(merchant.Id, key.Id, externalReference: "INV-2026-0042");
        await orders.PlaceKeyOrderAsync(merchant.Id, key.Id, externalReference: "INV-2026-00421");

        var found = await Queries.SearchAsync(new OrderQuery { Search = "INV-2026-0042" }, TestActors.MerchantUser(merchant.Id));

        Assert.Equal([invoiced.Order.Id], found.Items.Select(o => o.Id));
    }

    private async Task<CursorPage<OrderSummary>> ListAsync(OrderCursor cursor, Actor actor, OrderQuery? query = null)
    {
        var page = await Queries.ListAsync(query ?? new OrderQuery(), cursor, actor);
        Assert.True(page.Succeeded, page.Error?.Message);
        return page.Value;
    }

    /// <summary>A merchant with <paramref name="count"/> orders, oldest first.</summary>
    private async Task<(Guid Merchant, List<Guid> Orders)> TwentyFiveOrdersAsync(int count = 25)
    {
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: count);
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var orders = new TestOrders(Host.Services);
        var placed = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            placed.Add((await orders.PlaceKeyOrderAsync(merchant.Id, key.Id)).Order.Id);
        }

        return (merchant.Id, placed);
    }

    private static Actor ApiKey(Guid merchantId) => Actor.ApiKey("key-1", "Test key", merchantId, new HashSet<string>([Scopes.OrdersRead]));
}
