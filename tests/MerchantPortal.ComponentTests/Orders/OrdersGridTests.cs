using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.ComponentTests.Shared;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Features.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Orders;

/// <summary>The orders page against the real order queries on a SQLite database with fulfilled orders.</summary>
public sealed class OrdersGridTests : PortalComponentTest, IAsyncLifetime
{
    private static readonly string[] StatusCaptions = ["Order", "Payment", "Fulfilment"];

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private CoreTestHost _core = default!;
    private OrderDetails _completed = default!;
    private OrderDetails _partial = default!;
    private OrderDetails _otherMerchants = default!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync();
        var merchant = await _core.Catalog.MerchantAsync(balance: 500m);
        var other = await _core.Catalog.MerchantAsync(balance: 500m);
        var plenty = await _core.Catalog.KeyItemAsync(codes: 10);
        var scarce = await _core.Catalog.KeyItemAsync(codes: 2);
        var orders = new TestOrders(_core.Services);
        _completed = await orders.PlaceKeyOrderAsync(merchant.Id, plenty.Id, quantity: 2, customerName: "Ada Complete");
        _partial = await orders.PlaceKeyOrderAsync(merchant.Id, scarce.Id, quantity: 5, customerName: "Pat Partial");
        _otherMerchants = await orders.PlaceKeyOrderAsync(other.Id, plenty.Id, quantity: 1, customerName: "Olga Other");
        await _core.DrainJobsAsync();

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
    public void The_grid_shows_the_merchants_own_orders_only()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal([_partial.Order.Reference, _completed.Order.Reference], References(page)), Wait);
        Assert.DoesNotContain("Olga Other", page.Find("[data-testid='orders-grid']").TextContent, StringComparison.Ordinal);
        var partialRow = page.FindAll("[data-testid='orders-grid'] tbody tr")[0];
        Assert.Equal("2 / 5", partialRow.QuerySelector("[data-testid='order-delivered']")!.TextContent.Trim());
        Assert.Equal($"/orders/{_partial.Order.Id}", partialRow.QuerySelector("[data-testid='order-link']")!.GetAttribute("href"));
    }

    [Fact]
    public void Each_rows_three_status_chips_are_captioned_order_payment_and_fulfilment()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, References(page).Count), Wait);

        var row = page.FindAll("[data-testid='orders-grid'] tbody tr")[0];
        var captions = row.QuerySelectorAll(".mp-status-kind").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(StatusCaptions, captions);
        Assert.Equal("Payment: Paid", row.QuerySelector("[data-testid='order-payment-status']")!.Closest(".mp-labelled-status")!.GetAttribute("title"));
    }

    [Fact]
    public void Choosing_the_partial_status_shows_only_partial_orders_and_puts_the_filter_in_the_address()
    {
        var popovers = Render<MudPopoverProvider>();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, References(page).Count), Wait);

        page.Find("[data-testid='orders-status-filter']").Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForElements(".mud-list-item", Wait).First(i => i.TextContent.Trim() == "Partial").Click();

        page.WaitForAssertion(() => Assert.Equal([_partial.Order.Reference], References(page)), Wait);
        Assert.All(page.FindAll("[data-testid='order-status']"), chip => Assert.Equal("Partial", chip.TextContent.Trim()));
        Assert.Contains("status=partial", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_partially_refunded_shows_the_refunded_orders_with_the_amount_under_the_total()
    {
        var refunded = await _core.Get<RefundService>().RequestAsync(new RequestRefund(_partial.Order.Id, null, null, RefundReason.Undelivered),
            Actor.User("s", "s@test", null, Roles.Support));
        Assert.True(refunded.Succeeded, refunded.Error?.Message);
        var popovers = Render<MudPopoverProvider>();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, References(page).Count), Wait);
        var amount = Assert.Single(page.FindAll("[data-testid='order-refunded']"));
        Assert.Equal("$15.00 refunded", string.Join(' ', amount.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

        page.Find("[data-testid='orders-refunds-filter']").Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForElements(".mud-list-item", Wait).First(i => i.TextContent.Trim() == "Partially refunded").Click();

        page.WaitForAssertion(() => Assert.Equal([_partial.Order.Reference], References(page)), Wait);
        Assert.Contains("refunds=partially_refunded", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Searching_for_an_order_reference_finds_that_order()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, References(page).Count), Wait);

        page.Find("[data-testid='orders-search']").Input(_completed.Order.Reference);

        page.WaitForAssertion(() => Assert.Equal([_completed.Order.Reference], References(page)), Wait);
    }

    [Fact]
    public void An_over_long_search_is_kept_whole_counted_and_refused_at_the_box_and_the_list_stays()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, References(page).Count), Wait);

        CountedInput.AssertTooLongIsShownNotCut(page, "orders-search", OrderFilter.MaxSearchLength, OrderFilter.SearchTooLong.Message);

        Assert.Equal(2, References(page).Count);
        Assert.DoesNotContain("search=", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_search_that_matches_nothing_shows_the_empty_state()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, References(page).Count), Wait);

        page.Find("[data-testid='orders-search']").Input(_otherMerchants.Order.Reference);

        page.WaitForAssertion(() => Assert.Contains("No orders match these filters.",
            page.Find("[data-testid='orders-empty']").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(References(page));
    }

    private IRenderedComponent<OrdersPage> RenderPage()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/orders");
        return Render<OrdersPage>();
    }

    private static List<string> References(IRenderedComponent<OrdersPage> page) =>
        [.. page.FindAll("[data-testid='order-link']").Select(a => a.TextContent.Trim())];
}
