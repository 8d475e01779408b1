using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// On a 390 px wide phone screen the portal works without sideways scrolling: New order fits, the payment choice wraps,
/// the order page stacks its lines with the undelivered units in view, and the orders list and the ledger fold their filters.
/// </summary>
public sealed class SmallScreenJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    private const int PhoneWidth = 390;

    private static readonly LocatorAssertionsToHaveTextOptions Delivery = new() { Timeout = 30_000 };

    private JourneyData Data => new(Fixture.App);

    [Fact]
    public Task On_a_phone_a_merchant_places_an_order_and_reads_its_lines_without_scrolling_sideways() =>
        InBrowserAsync(async page =>
        {
            await page.SetViewportSizeAsync(PhoneWidth, 844);
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 300, codes: 1);
            await Data.CreditDemoMerchantAsync(20m);
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            var form = new NewOrderPage(page);
            await form.GotoAsync();
            await AssertNoHorizontalOverflowAsync(page, "New order");

            await form.EnterNewCustomerAsync($"phone-{Guid.NewGuid():N}@example.test");
            await form.AddItemAsync(item.Sku, line: 0);
            await form.SetQuantityAsync(line: 0, quantity: 2);
            await Expect(page.GetByTestId("pay-by-balance")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("pay-by-card")).ToBeVisibleAsync();
            await Expect(form.PlaceOrderButton).ToBeVisibleAsync();
            await AssertInsideTheScreenAsync(form.PlaceOrderButton, "Place order");
            await AssertNoHorizontalOverflowAsync(page, "New order with a line");

            // One code for two units: the order ends partial, with one unit undelivered.
            var order = await form.PlaceAsync();
            await Expect(order.Status).ToHaveTextAsync("Partial", Delivery);
            await Expect(order.Undelivered(1)).ToBeVisibleAsync();
            await Expect(order.Undelivered(1)).ToHaveTextAsync("1");
            await AssertInsideTheScreenAsync(order.Undelivered(1), "Undelivered units");
            await AssertNoHorizontalOverflowAsync(page, "Order");
        });

    [Fact]
    public Task On_a_phone_the_orders_filters_fold_behind_a_filters_button() =>
        InBrowserAsync(async page =>
        {
            await page.SetViewportSizeAsync(PhoneWidth, 844);
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            await page.GotoAsync("orders");
            await new ShellPage(page).WaitUntilInteractiveAsync();

            var search = page.GetByTestId("orders-search");
            await Expect(search).ToBeHiddenAsync();
            var toggle = page.GetByTestId("filters-toggle");
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
            await AssertNoHorizontalOverflowAsync(page, "Orders");

            await toggle.ClickAsync();
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(search).ToBeVisibleAsync();
            await AssertNoHorizontalOverflowAsync(page, "Orders with the filters open");
        });

    [Fact]
    public Task On_a_phone_the_ledger_filter_folds_behind_a_filters_button() =>
        InBrowserAsync(async page =>
        {
            await page.SetViewportSizeAsync(PhoneWidth, 844);
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            await page.GotoAsync("balance");
            await new ShellPage(page).WaitUntilInteractiveAsync();
            await Expect(page.GetByTestId("ledger-grid")).ToBeVisibleAsync();

            var text = page.GetByTestId("ledger-text");
            await Expect(text).ToBeHiddenAsync();
            var toggle = page.GetByTestId("filters-toggle");
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
            await AssertNoHorizontalOverflowAsync(page, "Balance");

            await toggle.ClickAsync();
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(text).ToBeVisibleAsync();
            await AssertNoHorizontalOverflowAsync(page, "Balance with the filter open");
        });

    [Fact]
    public Task On_a_phone_no_page_of_the_navigation_is_wider_than_the_screen() =>
        InBrowserAsync(async page =>
        {
            await page.SetViewportSizeAsync(PhoneWidth, 844);
            var admin = Fixture.App.DemoUser(Roles.Admin);
            await new LoginPage(page).SignInAsync(admin.Email, admin.Password);
            // The drawer starts closed on a phone; its links are in the page all the same.
            var paths = await page.GetByTestId("nav").Locator("a[href]").EvaluateAllAsync<string[]>(
                "links => links.map(a => new URL(a.href).pathname).filter(p => p !== '/api/reference')");
            var tooWide = new List<string>();
            foreach (var path in paths.Concat(["/Account/Manage", "/no-such-page"]))
            {
                await page.GotoAsync(path.TrimStart('/'));
                await Expect(page.Locator("h1").First).ToBeVisibleAsync();
                var width = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
                if (width > PhoneWidth)
                {
                    tooWide.Add($"{path}: {width} px");
                }
            }

            Assert.True(tooWide.Count == 0, $"Wider than {PhoneWidth} px: {string.Join(", ", tooWide)}");
        });

    private static async Task AssertNoHorizontalOverflowAsync(IPage page, string where)
    {
        var width = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        Assert.True(width <= PhoneWidth, $"{where} is {width} px wide on a {PhoneWidth} px screen.");
    }

    private static async Task AssertInsideTheScreenAsync(ILocator element, string what)
    {
        await element.ScrollIntoViewIfNeededAsync();
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"{what} is cut off: x {box.X}, width {box.Width}.");
    }
}
