using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Data;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>The orders search by customer name and part of an email, through the SQLite trigram index the migration creates.</summary>
public sealed class OrderSearchTests : CoreServiceTest
{
    [Fact]
    public async Task Search_finds_orders_by_any_part_of_the_customers_name_in_any_case_and_word_order()
    {
        var (merchant, item) = await MerchantWithStockAsync();
        var orders = new TestOrders(Host.Services);
        var amara = await orders.PlaceKeyOrderAsync(merchant, item, customerName: "Amara Haddad", customerEmail: "a.h@test.example");
        var again = await orders.PlaceKeyOrderAsync(merchant, item, customerName: "Amara Haddad", customerEmail: "a.h@test.example");
        await orders.PlaceKeyOrderAsync(merchant, item, customerName: "Bruno Castell", customerEmail: "bruno@test.example");

        Assert.Equal([again.Order.Id, amara.Order.Id], await SearchAsync("Haddad"));
        Assert.Equal([again.Order.Id, amara.Order.Id], await SearchAsync("hadd"));
        Assert.Equal([again.Order.Id, amara.Order.Id], await SearchAsync("AMARA haddad"));
        Assert.Equal([again.Order.Id, amara.Order.Id], await SearchAsync("haddad amara"));
        Assert.Equal([again.Order.Id, amara.Order.Id], await SearchAsync("  mara   Hadd "));
        Assert.Empty(await SearchAsync("amara castell"));
    }

    [Fact]
    public async Task Search_finds_orders_by_part_of_the_customers_email()
    {
        var (merchant, item) = await MerchantWithStockAsync();
        var orders = new TestOrders(Host.Services);
        var amara = await orders.PlaceKeyOrderAsync(merchant, item, customerName: "Amara Haddad", customerEmail: "Amara.H@Northwind-Mail.example");
        var other = await orders.PlaceKeyOrderAsync(merchant, item, customerEmail: "someone@contoso-mail.example");

        Assert.Equal([amara.Order.Id], await SearchAsync("amara.h@"));
        Assert.Equal([amara.Order.Id], await SearchAsync("northwind-mail"));
        Assert.Equal([amara.Order.Id], await SearchAsync("ra.h@north"));
        Assert.Equal([other.Order.Id, amara.Order.Id], await SearchAsync("-mail.example"));
    }

    [Fact]
    public async Task Text_shorter_than_three_characters_matches_only_an_exact_number_or_reference()
    {
        var (merchant, item) = await MerchantWithStockAsync();
        var orders = new TestOrders(Host.Services);
        await orders.PlaceKeyOrderAsync(merchant, item, customerName: "Amara Haddad", customerEmail: "am@test.example");
        var byReference = await orders.PlaceKeyOrderAsync(merchant, item, customerName: "Li Wu", merchantOrderId: "am");

        Assert.False(OrderSearch.SearchesCustomerText("am"));
        Assert.False(OrderSearch.SearchesCustomerText(" a  "));
        Assert.True(OrderSearch.SearchesCustomerText("ama"));
        Assert.Equal([byReference.Order.Id], await SearchAsync("am"));
        // A name whose words are all short is still found as a whole: "li wu" has five characters.
        Assert.Equal([byReference.Order.Id], await SearchAsync("li wu"));
    }

    [Fact]
    public async Task Text_that_reads_like_search_syntax_is_taken_literally()
    {
        var (merchant, item) = await MerchantWithStockAsync();
        var orders = new TestOrders(Host.Services);
        var quoted = await orders.PlaceKeyOrderAsync(merchant, item, customerName: "The \"Quoted\" Shop", customerEmail: "q@test.example");

        Assert.Equal([quoted.Order.Id], await SearchAsync("\"quoted\""));
        Assert.Empty(await SearchAsync("quo*"));
        Assert.Empty(await SearchAsync("shop OR nothing"));
        Assert.Empty(await SearchAsync("NEAR(the shop)"));
        Assert.Empty(await SearchAsync("name: shop"));
    }

    [Fact]
    public async Task A_renamed_customer_is_found_by_the_new_name_only()
    {
        var (merchant, item) = await MerchantWithStockAsync();
        var order = await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant, item, customerName: "Amara Haddad", customerEmail: "amara@test.example");
        var admin = Actor.User("admin", "admin@test.example", null, Roles.Admin);
        var edited = await Host.Get<CustomerService>().UpdateAsync(
            order.Customer.Id, new UpdateCustomer("Amara Castell", "amara.castell@test.example", null, null), admin);
        Assert.True(edited.Succeeded, edited.Error?.Message);

        Assert.Equal([order.Order.Id], await SearchAsync("castell"));
        Assert.Empty(await SearchAsync("haddad"));
    }

    [Fact]
    public async Task A_merchant_user_never_finds_another_merchants_customer_by_name()
    {
        var (merchant, item) = await MerchantWithStockAsync();
        var (other, otherItem) = await MerchantWithStockAsync();
        var orders = new TestOrders(Host.Services);
        var mine = await orders.PlaceKeyOrderAsync(merchant, item, customerName: "Amara Haddad");
        await orders.PlaceKeyOrderAsync(other, otherItem, customerName: "Amara Haddad");

        Assert.Equal([mine.Order.Id], await SearchAsync("haddad", Actor.User("u", "u@test.example", merchant, Roles.Merchant)));
        Assert.Equal(2, (await SearchAsync("haddad")).Count);
    }

    [Theory]
    [InlineData(OrderSort.Newest)]
    [InlineData(OrderSort.Oldest)]
    [InlineData(OrderSort.TotalHighest)]
    [InlineData(OrderSort.TotalLowest)]
    public async Task Text_matching_many_orders_pages_in_the_sort_by_keyset_as_a_selective_search_does(OrderSort sort)
    {
        var (merchant, item) = await MerchantWithStockAsync();
        var orders = new TestOrders(Host.Services);
        var placed = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add((await orders.PlaceKeyOrderAsync(merchant, item, customerName: $"Broad Buyer {i}", customerEmail: $"buyer{i}@broad-shop.example")).Order.Id);
        }

        await orders.PlaceKeyOrderAsync(merchant, item, customerName: "Bruno Castell", customerEmail: "bruno@elsewhere.example");
        var selectivePlan = Host.Get<OrderQueries>();
        // Past three matching orders this one walks the sort's index and tests each order's customer.
        var broadPlan = new OrderQueries(Host.Get<IDbContextFactory<PortalDb>>()) { BroadSearchOrders = 3 };

        var broad = await PagesAsync(broadPlan, "broad-shop", sort);
        var expected = await Host.Get<OrderQueries>().SearchAsync(new OrderQuery { MerchantId = merchant, Sort = sort, PageSize = 100 }, Actor.System);
        Assert.Equal([.. expected.Items.Select(o => o.Id).Where(placed.Contains)], broad.SelectMany(p => p).ToList());
        Assert.Equal([2, 2, 1], broad.Select(p => p.Count));
        Assert.Equal(await PagesAsync(selectivePlan, "broad-shop", sort), broad);
        Assert.Equal([[placed[3]]], await PagesAsync(broadPlan, "buyer3@broad", sort));
    }

    /// <summary>Every page of the search, two orders a page, following each page's next key; each page's count is the whole match.</summary>
    private static async Task<List<List<Guid>>> PagesAsync(OrderQueries queries, string search, OrderSort sort)
    {
        var query = new OrderQuery { Search = search, Sort = sort };
        var pages = new List<List<Guid>>();
        var position = OrderPagePosition.First with { Size = 2 };
        var seen = 0;
        while (true)
        {
            var page = await queries.PageAsync(query, position, Actor.System);
            pages.Add([.. page.Items.Select(o => o.Id)]);
            seen += page.Items.Count;
            if (page.Next is not { } next)
            {
                Assert.Equal(seen, page.Count.Value);
                Assert.False(page.Count.IsCapped);
                return pages;
            }

            position = position with { After = next };
        }
    }

    private async Task<(Guid Merchant, long Item)> MerchantWithStockAsync()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 1_000m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 20);
        return (merchant.Id, item.Id);
    }

    /// <summary>The matching orders, newest first, through the grid's own page query.</summary>
    private async Task<List<Guid>> SearchAsync(string search, Actor? actor = null)
    {
        var page = await Host.Get<OrderQueries>().PageAsync(new OrderQuery { Search = search }, OrderPagePosition.First with { Size = 100 },
            actor ?? Actor.System);
        Assert.Equal(page.Items.Count, page.Count.Value);
        return [.. page.Items.Select(o => o.Id)];
    }
}
