using Bunit;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Features.Orders;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Orders;

/// <summary>The "Export CSV" action with download.js standing in as a planned module call.</summary>
public sealed class OrdersExportTests : PortalComponentTest
{
    private readonly BunitJSModuleInterop _download;
    private readonly JSRuntimeInvocationHandler<OrdersExport.DownloadResult> _downloading;

    public OrdersExportTests()
    {
        Services.AddScoped<BrowserTimeZone>();
        var zone = JSInterop.SetupModule("./js/time-zone.js");
        zone.Setup<string?>("timeZone").SetResult("Europe/London");
        _download = JSInterop.SetupModule("./js/download.js");
        _downloading = _download.Setup<OrdersExport.DownloadResult>("download", _ => true);
        _download.SetupVoid("cancel", _ => true);
        SignInAs(Roles.Merchant, merchantId: Guid.NewGuid());
    }

    [Fact]
    public void The_export_asks_for_the_filtered_orders_in_the_viewers_time_zone()
    {
        var button = Render<OrdersExport>(p => p.Add(e => e.Filter, new OrderFilter
        {
            Statuses = [OrderStatus.Partial],
            From = new DateOnly(2026, 5, 1),
        }));

        button.Find("[data-testid='orders-export']").Click();

        var url = (string)_downloading.Invocations.Single().Arguments[1]!;
        Assert.StartsWith("http://localhost/orders/export.csv?", url, StringComparison.Ordinal);
        Assert.Contains("status=partial", url, StringComparison.Ordinal);
        Assert.Contains("from=2026-05-01", url, StringComparison.Ordinal);
        Assert.Contains("tz=Europe%2FLondon", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_it_runs_it_shows_rows_received_of_the_total_then_reports_the_file()
    {
        var button = Render<OrdersExport>(p => p.Add(e => e.Filter, OrderFilter.None));
        button.Find("[data-testid='orders-export']").Click();
        Assert.Equal("Preparing the export…", button.Find("[data-testid='orders-export-progress-text']").TextContent.Trim());

        await button.InvokeAsync(() => button.Instance.Started(50_000));
        await button.InvokeAsync(() => button.Instance.Progress(12_345));

        Assert.Equal("12,345 of 50,000 rows", button.Find("[data-testid='orders-export-progress-text']").TextContent.Trim());
        _downloading.SetResult(new OrdersExport.DownloadResult("completed", 50_000, "orders-20260501-0930.csv", null));
        button.WaitForAssertion(() => Assert.NotEmpty(button.FindAll("[data-testid='orders-export']")));
        var shown = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("Exported 50,000 orders to orders-20260501-0930.csv.", shown.Message);
        Assert.Equal(Severity.Success, shown.Severity);
    }

    [Fact]
    public void Cancel_stops_the_same_download_and_says_so()
    {
        var button = Render<OrdersExport>(p => p.Add(e => e.Filter, OrderFilter.None));
        button.Find("[data-testid='orders-export']").Click();

        button.Find("[data-testid='orders-export-cancel']").Click();
        _downloading.SetResult(new OrdersExport.DownloadResult("cancelled", 0, null, null));

        var started = _downloading.Invocations.Single().Arguments[0];
        Assert.Equal(started, _download.Invocations["cancel"].Single().Arguments[0]);
        button.WaitForAssertion(() => Assert.NotEmpty(button.FindAll("[data-testid='orders-export']")));
        Assert.Equal("The export was cancelled.", Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message);
    }
}
