using Bunit;
using MerchantPortal.Catalog;
using MerchantPortal.Changes;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Features.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Orders;

/// <summary>
/// The orders page follows its rows live: an order shown on this instance's page is fulfilled by another instance's
/// worker on the same database, and the row changes without a reload, through the change feed.
/// </summary>
public sealed class OrdersGridLiveTests : PortalComponentTest, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private CoreTestHost _core = default!;
    private CoreTestHost _otherInstance = default!;
    private OrderChangeRelay _relay = default!;
    private OrderDetails _order = default!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync();
        _otherInstance = await CoreTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={_core.DatabasePath}",
        });
        var merchant = await _core.Catalog.MerchantAsync(balance: 500m);
        var item = await _core.Catalog.KeyItemAsync(codes: 3);
        _order = await new TestOrders(_core.Services).PlaceKeyOrderAsync(merchant.Id, item.Id, quantity: 2, customerName: "Lena Live");

        // This instance hears the change feed: the relay subscribes, the poller takes its starting point.
        _relay = _core.Get<OrderChangeRelay>();
        await _relay.StartAsync(CancellationToken.None);
        await _core.Get<ChangeFeedPoller>().PollAsync(CancellationToken.None);

        Services.AddSingleton(_core.Get<OrderQueries>());
        Services.AddSingleton(_core.Get<OrderChangeNotifier>());
        Services.AddSingleton(_core.Get<CatalogService>());
        Services.AddSingleton(_core.Get<MerchantService>());
        Services.AddSingleton(_core.Get<TimeProvider>());
        Services.AddScoped<BrowserTimeZone>();
        SignInAs(Roles.Merchant, userId: "merchant-1", merchantId: merchant.Id);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _relay.StopAsync(CancellationToken.None);
        await _otherInstance.DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task A_row_shows_the_fulfilment_another_instance_made_without_a_reload()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/orders");
        var page = Render<OrdersPage>();
        page.WaitForAssertion(() => Assert.Equal("0 / 2", Delivered(page)), Wait);

        await _otherInstance.DrainJobsAsync("other-instance-worker");
        await _otherInstance.Get<OrderChangeRelay>().PublishAsync(CancellationToken.None);
        await _core.Get<ChangeFeedPoller>().PollAsync(CancellationToken.None);

        page.WaitForAssertion(() => Assert.Equal("2 / 2", Delivered(page)), Wait);
        Assert.Contains("Completed", page.Find("[data-testid='orders-grid'] tbody tr").TextContent, StringComparison.Ordinal);
    }

    private static string Delivered(IRenderedComponent<OrdersPage> page) =>
        page.Find("[data-testid='orders-grid'] tbody tr [data-testid='order-delivered']").TextContent.Trim();
}
