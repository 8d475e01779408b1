using System.Text.RegularExpressions;
using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using OrdersCsv = MerchantPortal.Web.Features.Orders.OrdersCsv;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

public sealed partial class OrderExportJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task A_merchant_filters_the_orders_and_exports_the_filtered_set_as_csv() =>
        InBrowserAsync(async page =>
        {
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            var customer = await SeedOrdersAsync(merchant.Merchant!, apiOrders: 2, dashboardOrders: 1);
            var shell = await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            await shell.GoToAsync("orders");
            var orders = new OrdersPage(page);

            await orders.SearchAsync(customer);
            await Expect(orders.OrderLinks).ToHaveCountAsync(3);
            await orders.ChooseSourceAsync("API");
            await Expect(orders.OrderLinks).ToHaveCountAsync(2);
            await Expect(page).ToHaveURLAsync(SourceApiInAddress());

            // The filters live in the address: reloading shows the same filtered list.
            await page.ReloadAsync();
            await shell.WaitUntilInteractiveAsync();
            await Expect(orders.OrderLinks).ToHaveCountAsync(2);

            var download = await orders.ExportAsync();

            // The file name says the filter: the merchant, the source, the search, the day.
            Assert.Matches(@"^orders-northwind-games-api-search-export-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
            var rows = CsvText.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
            Assert.Equal(OrdersCsv.Columns, rows[0]);
            Assert.Equal(2, rows.Count - 1);
            var (source, email) = (OrdersCsv.Columns.ToList().IndexOf("source"), OrdersCsv.Columns.ToList().IndexOf("customer_email"));
            Assert.All(rows.Skip(1), row => Assert.Equal(("api", customer), (row[source], row[email])));
            await Expect(page.GetByText("Exported 2 orders to")).ToBeVisibleAsync();
            await Expect(orders.ExportProgress).ToBeHiddenAsync();
        });

    [Fact]
    public Task A_running_export_can_be_cancelled() =>
        InBrowserAsync(async page =>
        {
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            var shell = await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            await shell.GoToAsync("orders");
            var orders = new OrdersPage(page);
            // Hold the export's response back, as a slow export of many rows would be.
            var release = new TaskCompletionSource();
            await page.RouteAsync("**/orders/export.csv**", async route =>
            {
                await release.Task;
                await route.AbortAsync();
            });

            try
            {
                await page.GetByTestId("orders-export").ClickAsync();
                await Expect(orders.ExportProgress).ToContainTextAsync("Preparing the export");
                await page.GetByTestId("orders-export-cancel").ClickAsync();

                await Expect(page.GetByText("The export was cancelled.")).ToBeVisibleAsync();
                await Expect(orders.ExportProgress).ToBeHiddenAsync();
                await Expect(page.GetByTestId("orders-export")).ToBeEnabledAsync();
            }
            finally
            {
                release.SetResult();
            }
        });

    /// <summary>Orders for one new customer of the demo merchant, paid from its balance; returns the customer's email.</summary>
    private async Task<string> SeedOrdersAsync(string merchantName, int apiOrders, int dashboardOrders)
    {
        var services = Fixture.App.Services;
        var merchant = (await services.GetRequiredService<MerchantService>().FindByNameAsync(merchantName))!;
        var orders = new TestOrders(services);
        await orders.FundAsync(merchant.Id, 500m);
        var item = await new TestCatalog(services).KeyItemAsync(currency: merchant.Currency, codes: apiOrders + dashboardOrders);
        var email = $"export-{Guid.NewGuid():N}@test.example";
        for (var i = 0; i < apiOrders + dashboardOrders; i++)
        {
            await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, customerEmail: email, customerName: "Erin Export",
                source: i < apiOrders ? OrderSource.Api : OrderSource.Dashboard);
        }

        return email;
    }

    [GeneratedRegex("[?&]source=api(&|$)")]
    private static partial Regex SourceApiInAddress();
}
