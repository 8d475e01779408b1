using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// On a 390 px wide phone screen the portal works without sideways scrolling: New order fits, the payment choice wraps,
/// the order page stacks its lines with the undelivered units in view, the orders list and the ledger fold their filters,
/// and no page a role can open (navigation, detail and account pages) is wider than the screen or cuts a button off.
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

    [Theory]
    [InlineData(Roles.Merchant)]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Admin)]
    public Task On_a_phone_no_page_of_a_role_is_wider_than_the_screen_or_cuts_off_a_button(string role) =>
        InBrowserAsync(async page =>
        {
            await page.SetViewportSizeAsync(PhoneWidth, 844);
            var user = Fixture.App.DemoUser(role);
            await new LoginPage(page).SignInAsync(user.Email, user.Password);
            // The drawer starts closed on a phone; its links are in the page all the same.
            var paths = await RolePages.AllAsync(page, Data, role);
            var problems = new List<string>();
            foreach (var path in paths)
            {
                await page.GotoAsync(path.TrimStart('/'));
                await Expect(page.Locator("h1").First).ToBeVisibleAsync();
                if (await page.Locator("main[data-interactive]").CountAsync() > 0)
                {
                    await new ShellPage(page).WaitUntilInteractiveAsync();
                }

                var width = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
                if (width > PhoneWidth)
                {
                    problems.Add($"{path}: {width} px wide");
                }

                problems.AddRange((await page.EvaluateAsync<string[]>(CutOffButtons, PhoneWidth)).Select(b => $"{path}: button cut off: {b}"));
            }

            Assert.True(problems.Count == 0, $"On a {PhoneWidth} px screen:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        });

    /// <summary>Visible buttons of the page that reach past either edge of the screen (the drawer, closed, is off screen on purpose).</summary>
    private const string CutOffButtons = """
        width => [...document.querySelectorAll('main button, main a.mud-button-root, header button')]
            .filter(b => b.offsetParent !== null)
            .map(b => [b, b.getBoundingClientRect()])
            .filter(([, r]) => r.width > 0 && (r.left < -1 || r.right > width + 1))
            .map(([b, r]) => `${(b.getAttribute('aria-label') || b.textContent).trim().slice(0, 40)} (${Math.round(r.left)}–${Math.round(r.right)})`)
        """;

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
