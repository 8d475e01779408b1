using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// A merchant places orders in the portal and follows them while the app's own background worker
/// delivers them. Each journey creates its own item and credits the demo merchant's balance first.
/// </summary>
public sealed class OrderJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    private JourneyData Data => new(Fixture.App);

    // Fulfilment runs in the background; the page follows it live.
    private static readonly LocatorAssertionsToHaveTextOptions Delivery = new() { Timeout = 30_000 };

    [Fact]
    public Task A_merchant_places_a_key_order_paid_from_the_balance_and_reveals_a_delivered_code() =>
        InBrowserAsync(async page =>
        {
            var (item, codes) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 250, codes: 3);
            await Data.CreditDemoMerchantAsync(50m);
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            var form = new NewOrderPage(page);
            await form.GotoAsync();

            await form.EnterNewCustomerAsync($"buyer-{Guid.NewGuid():N}@example.test");
            await form.AddItemAsync(item.Sku, line: 0);
            await form.SetQuantityAsync(line: 0, quantity: 2);
            await Expect(form.Total).ToHaveTextAsync("$5.00");
            var order = await form.PlaceAsync();

            await Expect(order.Status).ToHaveTextAsync("Completed", Delivery);
            await Expect(order.Total).ToHaveTextAsync("$5.00");
            await Expect(order.Delivered(1)).ToHaveTextAsync("2");
            await Expect(order.MaskedCodes).ToHaveCountAsync(2);
            var revealed = await order.RevealFirstCodeAsync();
            Assert.Contains(revealed, codes);
            await Expect(order.MaskedCodes).ToHaveCountAsync(1);
            await Expect(order.Timeline).ToContainTextAsync("All units delivered.");
        });

    [Fact]
    public Task An_order_for_more_codes_than_are_in_stock_ends_partial_and_shows_the_undelivered_units() =>
        InBrowserAsync(async page =>
        {
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 400, codes: 2);
            await Data.CreditDemoMerchantAsync(50m);
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            var form = new NewOrderPage(page);
            await form.GotoAsync();

            await form.EnterNewCustomerAsync($"buyer-{Guid.NewGuid():N}@example.test");
            await form.AddItemAsync(item.Sku, line: 0);
            await form.SetQuantityAsync(line: 0, quantity: 3);
            await Expect(form.StockWarning(0)).ToContainTextAsync("Only 2 in stock");
            var order = await form.PlaceAsync();

            await Expect(order.Status).ToHaveTextAsync("Partial", Delivery);
            await Expect(order.Delivered(1)).ToHaveTextAsync("2");
            await Expect(order.Undelivered(1)).ToHaveTextAsync("1");
            await Expect(order.Failure(1)).ToContainTextAsync("Out of stock: 1 of 3 code(s) could not be delivered.");
            await Expect(order.MaskedCodes).ToHaveCountAsync(2);
        });
}
