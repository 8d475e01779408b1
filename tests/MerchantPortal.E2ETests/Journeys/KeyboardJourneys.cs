using System.Text.RegularExpressions;
using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>A merchant places an order with the keyboard alone: Tab to each field, type, pick with the arrow keys and Enter.</summary>
public sealed partial class KeyboardJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    private JourneyData Data => new(Fixture.App);

    [Fact]
    public Task A_merchant_places_an_order_using_only_the_keyboard() =>
        InBrowserAsync(async page =>
        {
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 275, codes: 3);
            await Data.CreditDemoMerchantAsync(20m);
            var customer = await Data.DemoCustomerAsync("Keyboard Buyer");
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            await new NewOrderPage(page).GotoAsync();

            // The customer: Tab to the search, type, the arrow key picks the match and Enter chooses it.
            var customerSearch = page.GetByTestId("customer-search");
            await page.TabToAsync(customerSearch);
            await page.Keyboard.TypeAsync(customer.Email!);
            var customerOption = page.GetByTestId("customer-option").Filter(new() { HasText = customer.Email! });
            await Expect(customerOption).ToBeVisibleAsync();
            // The search runs as the email is typed: wait until the list holds only the match, then pick it.
            await Expect(page.GetByTestId("customer-option")).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("Enter");
            await Expect(customerSearch).ToHaveValueAsync(new Regex(Regex.Escape(customer.Email!)));

            // Leaving a field closes its list: it does not stay open over the rest of the form (the next field, another
            // autocomplete, may open its own).
            await page.Keyboard.PressAsync("Tab");
            await Expect(customerSearch).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(page.GetByTestId("customer-option")).ToHaveCountAsync(0);

            // The item: the same way, by its SKU.
            var addItem = page.GetByTestId("add-item");
            await page.TabToAsync(addItem);
            await page.Keyboard.TypeAsync(item.Sku);
            await Expect(page.GetByTestId($"item-option-{item.Sku}")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid^='item-option-']")).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("line-0")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(addItem).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(page.Locator("[data-testid^='item-option-']")).ToHaveCountAsync(0);

            // Two units: select the quantity and type over it.
            await page.TabToAsync(page.GetByTestId("line-0-quantity"));
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync("2");
            await page.Keyboard.PressAsync("Tab");
            var form = new NewOrderPage(page);
            await Expect(form.Total).ToHaveTextAsync("$5.50");

            // Paid from the balance (the default); Enter on the button places the order.
            await page.TabToAsync(form.PlaceOrderButton);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(OrderAddress());
            var order = new OrderPage(page);
            await Expect(order.Total).ToHaveTextAsync("$5.50");
        });

    /// <summary>The focus ring shows on what the keyboard reaches: a visible outline on the focused control.</summary>
    [Fact]
    public Task The_control_the_keyboard_reaches_shows_a_focus_ring() =>
        InBrowserAsync(async page =>
        {
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            await new NewOrderPage(page).GotoAsync();

            foreach (var target in new[] { page.GetByTestId("customer-mode-new"), page.GetByTestId("nav-orders"), page.GetByTestId("theme-toggle") })
            {
                await page.TabToAsync(target, backwards: true);
                var outline = await page.EvaluateAsync<string>(
                    "() => { const s = getComputedStyle(document.activeElement); return `${s.outlineStyle} ${s.outlineWidth}`; }");
                Assert.True(outline.StartsWith("solid", StringComparison.Ordinal) && !outline.EndsWith(" 0px", StringComparison.Ordinal),
                    $"{target} has no focus ring: outline {outline}");
            }
        });

    [GeneratedRegex(@"/orders/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex OrderAddress();
}
