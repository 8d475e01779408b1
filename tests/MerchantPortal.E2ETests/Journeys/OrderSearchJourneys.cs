using System.Text.RegularExpressions;
using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

public sealed partial class OrderSearchJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task A_merchant_finds_a_customers_orders_by_part_of_the_name_and_by_part_of_the_email() =>
        InBrowserAsync(async page =>
        {
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            var tag = Guid.NewGuid().ToString("N")[..8];
            var (name, email) = ($"Zephyrine Quillfeather{tag}", $"zq.{tag}@orchard-mail.example");
            await SeedOrdersAsync(merchant.Merchant!, name, email, count: 2);
            await SeedOrdersAsync(merchant.Merchant!, $"Other Person{tag}", $"other.{tag}@test.example", count: 1);
            var shell = await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            await shell.GoToAsync("orders");
            var orders = new OrdersPage(page);

            // Part of the last name, in another case.
            await orders.SearchAsync($"QUILLFEATHER{tag}");
            await Expect(orders.OrderLinks).ToHaveCountAsync(2);
            await Expect(orders.Grid).ToContainTextAsync(name);
            await Expect(orders.Count).ToHaveTextAsync("2 orders");
            await Expect(page).ToHaveURLAsync(SearchInAddress());

            // Part of the email: neither its start nor its domain alone.
            await orders.SearchAsync($"q.{tag}@orch");
            await Expect(orders.OrderLinks).ToHaveCountAsync(2);
            await Expect(orders.Grid).ToContainTextAsync(email);

            // The search is in the address (a reload or a shared link shows the same orders; the bUnit tests follow that through).
            await Expect(page).ToHaveURLAsync(SearchInAddress());

            // Two characters search only exact numbers and references, and the box says so.
            await orders.SearchAsync("zq");
            await Expect(page.GetByText("Names and emails are searched from 3 characters")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("orders-empty")).ToBeVisibleAsync();
        });

    private async Task SeedOrdersAsync(string merchantName, string customerName, string email, int count)
    {
        var services = Fixture.App.Services;
        var merchant = (await services.GetRequiredService<MerchantService>().FindByNameAsync(merchantName))!;
        var orders = new TestOrders(services);
        await orders.FundAsync(merchant.Id, 500m);
        var item = await new TestCatalog(services).KeyItemAsync(currency: merchant.Currency, codes: count);
        for (var i = 0; i < count; i++)
        {
            await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, customerEmail: email, customerName: customerName);
        }
    }

    [GeneratedRegex("[?&]q=")]
    private static partial Regex SearchInAddress();
}
