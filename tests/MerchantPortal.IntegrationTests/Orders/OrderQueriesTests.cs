using MerchantPortal.Identity;
using MerchantPortal.Auditing;
using MerchantPortal.Orders;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>The orders grid's search, sorting and merchant scoping, on a real SQLite database.</summary>
public sealed class OrderQueriesTests : CoreServiceTest
{
    [Fact]
    public async Task Search_finds_an_order_by_number_merchant_order_id_or_customer_email()
    {
        var (merchant, item) = await MerchantWithStockAsync();
        var orders = new TestOrders(Host.Services);
        var byNumber = await orders.PlaceKeyOrderAsync(merchant, item);
        var byMerchantId = await orders.PlaceKeyOrderAsync(merchant, item, merchantOrderId: "shop-7731");
        var byEmail = await orders.PlaceKeyOrderAsync(merchant, item, customerEmail: "Ada.Lovelace@test.example");
        await orders.PlaceKeyOrderAsync(merchant, item, customerEmail: "ada.lovelace@test.example");
        await orders.PlaceKeyOrderAsync(merchant, item);

        Assert.Equal([byNumber.Order.Id], await SearchAsync(byNumber.Order.Reference, Actor.System));
        Assert.Equal([byNumber.Order.Id], await SearchAsync(byNumber.Order.Number.ToString(), Actor.System));
        Assert.Equal([byMerchantId.Order.Id], await SearchAsync("shop-7731", Actor.System));
        var emailMatches = await SearchAsync("ADA.LOVELACE@test.example", Actor.System);
        Assert.Equal(2, emailMatches.Count);
        Assert.Contains(byEmail.Order.Id, emailMatches);
        Assert.Empty(await SearchAsync("nobody@test.example", Actor.System));
    }

    [Fact]
    public async Task A_merchant_user_never_finds_another_merchants_order()
    {
        var (merchant, item) = await MerchantWithStockAsync();
        var (other, otherItem) = await MerchantWithStockAsync();
        var orders = new TestOrders(Host.Services);
        var theirs = await orders.PlaceKeyOrderAsync(other, otherItem, customerEmail: "shared@test.example", merchantOrderId: "same-id");
        var mine = await orders.PlaceKeyOrderAsync(merchant, item, customerEmail: "shared@test.example", merchantOrderId: "same-id");
        var merchantUser = Actor.User("u", "u@test.example", merchant, Roles.Merchant);

        Assert.Empty(await SearchAsync(theirs.Order.Reference, merchantUser));
        Assert.Equal([mine.Order.Id], await SearchAsync("same-id", merchantUser));
        Assert.Equal([mine.Order.Id], await SearchAsync("shared@test.example", merchantUser));
        Assert.Equal(2, (await SearchAsync("shared@test.example", Actor.System)).Count);
    }

    [Fact]
    public async Task Sorting_by_total_orders_by_amount_and_lowest_first_is_exactly_the_reverse_of_highest_first()
    {
        var (merchant, item) = await MerchantWithStockAsync();
        var orders = new TestOrders(Host.Services);
        var two = await orders.PlaceKeyOrderAsync(merchant, item, quantity: 2);
        var oneOlder = await orders.PlaceKeyOrderAsync(merchant, item, quantity: 1);
        var three = await orders.PlaceKeyOrderAsync(merchant, item, quantity: 3);
        var oneNewer = await orders.PlaceKeyOrderAsync(merchant, item, quantity: 1);
        var queries = Host.Get<OrderQueries>();

        var highest = await queries.SearchAsync(new OrderQuery { MerchantId = merchant, Sort = OrderSort.TotalHighest }, Actor.System);
        var lowest = await queries.SearchAsync(new OrderQuery { MerchantId = merchant, Sort = OrderSort.TotalLowest }, Actor.System);

        Assert.Equal([three.Order.Id, two.Order.Id, oneNewer.Order.Id, oneOlder.Order.Id], highest.Items.Select(o => o.Id));
        // Ties oldest first, so one index (TotalMinor, Number) walked backwards serves it without a sort.
        Assert.Equal([oneOlder.Order.Id, oneNewer.Order.Id, two.Order.Id, three.Order.Id], lowest.Items.Select(o => o.Id));
    }

    private async Task<(Guid Merchant, long Item)> MerchantWithStockAsync()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 1_000m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 20);
        return (merchant.Id, item.Id);
    }

    private async Task<List<Guid>> SearchAsync(string search, Actor actor)
    {
        var page = await Host.Get<OrderQueries>().SearchAsync(new OrderQuery { Search = search, PageSize = 100 }, actor);
        Assert.Equal(page.Items.Count, page.TotalCount);
        return [.. page.Items.Select(o => o.Id)];
    }
}
