using System.Web;
using Bunit;
using MerchantPortal.Catalog;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Features.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Orders;

/// <summary>The orders grid's sortable headers and keyset pages, kept in the address, against the real order queries.</summary>
public sealed class OrdersGridAddressTests : PortalComponentTest, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly int[] Quantities = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];
    private CoreTestHost _core = default!;
    private readonly List<OrderDetails> _orders = [];

    async Task IAsyncLifetime.InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync();
        var merchant = await _core.Catalog.MerchantAsync(balance: 5_000m);
        var item = await _core.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 60);
        var orders = new TestOrders(_core.Services);
        foreach (var quantity in Quantities)
        {
            _orders.Add(await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, quantity: quantity, customerName: $"Customer {quantity}"));
        }

        Services.AddSingleton(_core.Get<OrderQueries>());
        Services.AddSingleton(_core.Get<OrderChangeNotifier>());
        Services.AddSingleton(_core.Get<TimeProvider>());
        Services.AddSingleton(_core.Get<CatalogService>());
        Services.AddSingleton(_core.Get<MerchantService>());
        Services.AddScoped<BrowserTimeZone>();
        SignInAs(Roles.Merchant, userId: "merchant-1", merchantId: merchant.Id);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public void The_total_header_sorts_highest_first_then_lowest_first_and_puts_the_sort_in_the_address()
    {
        var page = RenderPage("/orders");
        page.WaitForAssertion(() => Assert.Equal(10, References(page).Count), Wait);
        Assert.Equal("newest", page.Find("[data-testid='sort-created']").GetAttribute("data-sort"));
        Assert.Null(page.Find("[data-testid='sort-total']").GetAttribute("data-sort"));

        page.Find("[data-testid='sort-total']").Click();

        var highest = _orders.OrderByDescending(o => o.Order.TotalMinor).ThenByDescending(o => o.Order.Number).Take(10).Select(o => o.Order.Reference);
        page.WaitForAssertion(() => Assert.Equal(highest, References(page)), Wait);
        Assert.Equal("sort=total_highest", Query("sort"));
        Assert.Equal("total_highest", page.Find("[data-testid='sort-total']").GetAttribute("data-sort"));
        Assert.Contains("sorted highest first", page.Find("[data-testid='sort-total']").GetAttribute("aria-label"), StringComparison.Ordinal);

        page.Find("[data-testid='sort-total']").Click();

        var lowest = _orders.OrderBy(o => o.Order.TotalMinor).ThenBy(o => o.Order.Number).Take(10).Select(o => o.Order.Reference);
        page.WaitForAssertion(() => Assert.Equal(lowest, References(page)), Wait);
        Assert.Equal("sort=total_lowest", Query("sort"));
    }

    [Fact]
    public void The_created_header_sorts_oldest_first_and_back_to_newest_first()
    {
        var page = RenderPage("/orders");
        page.WaitForAssertion(() => Assert.Equal(10, References(page).Count), Wait);

        page.Find("[data-testid='sort-created']").Click();
        page.WaitForAssertion(() => Assert.Equal(_orders.Take(10).Select(o => o.Order.Reference), References(page)), Wait);
        Assert.Equal("sort=oldest", Query("sort"));

        page.Find("[data-testid='sort-created']").Click();
        page.WaitForAssertion(() => Assert.Equal(Newest().Take(10), References(page)), Wait);
        Assert.Null(Query("sort"));
    }

    [Fact]
    public void The_next_page_is_in_the_address_and_opening_that_address_shows_the_same_page()
    {
        var page = RenderPage("/orders?size=10");
        page.WaitForAssertion(() => Assert.Equal(Newest().Take(10), References(page)), Wait);
        Assert.Equal("12 orders", page.Find("[data-testid='orders-count']").TextContent.Trim());
        Assert.True(page.Find("[data-testid='orders-previous-page']").HasAttribute("disabled"));

        page.Find("[data-testid='orders-next-page']").Click();

        page.WaitForAssertion(() => Assert.Equal(Newest().Skip(10), References(page)), Wait);
        var tenth = _orders[^10].Order.Number;
        Assert.Equal($"after={tenth}", Query("after"));
        Assert.Equal("size=10", Query("size"));
        Assert.True(page.Find("[data-testid='orders-next-page']").HasAttribute("disabled"));
        var address = Services.GetRequiredService<NavigationManager>().Uri;

        // A reload or a shared link: a new page component reads the same page from the address alone.
        var reopened = RenderPage(address);
        reopened.WaitForAssertion(() => Assert.Equal(Newest().Skip(10), References(reopened)), Wait);

        reopened.Find("[data-testid='orders-previous-page']").Click();
        reopened.WaitForAssertion(() => Assert.Equal(Newest().Take(10), References(reopened)), Wait);
        Assert.Null(Query("after"));
    }

    [Fact]
    public void A_sorted_filtered_page_round_trips_through_the_address()
    {
        var byTotal = _orders.OrderByDescending(o => o.Order.TotalMinor).ThenByDescending(o => o.Order.Number).ToList();
        var key = new OrderPageKey(byTotal[9].Order.Number, byTotal[9].Order.TotalMinor);

        var page = RenderPage($"/orders?sort=total_highest&status=pending&status=processing&status=completed&status=partial&status=failed&after={key}&size=10");

        page.WaitForAssertion(() => Assert.Equal(byTotal.Skip(10).Select(o => o.Order.Reference), References(page)), Wait);
        Assert.Equal("total_highest", page.Find("[data-testid='sort-total']").GetAttribute("data-sort"));
        Assert.False(page.Find("[data-testid='orders-previous-page']").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid='orders-address-error']"));
    }

    [Fact]
    public void A_page_key_that_cannot_be_read_opens_the_first_page_and_says_so()
    {
        var page = RenderPage("/orders?sort=total_highest&after=42");

        page.WaitForAssertion(() => Assert.Equal(10, References(page).Count), Wait);
        Assert.Contains("first page", page.Find("[data-testid='orders-address-error']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_search_shorter_than_three_characters_says_that_names_and_emails_need_three()
    {
        var page = RenderPage("/orders");
        page.WaitForAssertion(() => Assert.Equal(10, References(page).Count), Wait);

        page.Find("[data-testid='orders-search']").Input("cu");

        page.WaitForAssertion(() => Assert.Contains("Names and emails are searched from 3 characters",
            page.Find(".mp-search").TextContent, StringComparison.Ordinal), Wait);

        page.Find("[data-testid='orders-search']").Input("Customer 9");
        page.WaitForAssertion(() => Assert.Equal([_orders[5].Order.Reference], References(page)), Wait);
        Assert.DoesNotContain("Names and emails are searched", page.Find(".mp-search").TextContent, StringComparison.Ordinal);
    }

    private IEnumerable<string> Newest() => _orders.AsEnumerable().Reverse().Select(o => o.Order.Reference);

    private string? Query(string key)
    {
        var uri = new Uri(Services.GetRequiredService<NavigationManager>().Uri);
        var value = HttpUtility.ParseQueryString(uri.Query)[key];
        return value is null ? null : $"{key}={value}";
    }

    private IRenderedComponent<OrdersPage> RenderPage(string uri)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return Render<OrdersPage>();
    }

    private static List<string> References(IRenderedComponent<OrdersPage> page) =>
        [.. page.FindAll("[data-testid='order-link']").Select(a => a.TextContent.Trim())];
}
