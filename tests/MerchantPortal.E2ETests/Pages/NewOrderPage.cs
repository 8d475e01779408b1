using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>The new-order form at /orders/new.</summary>
public sealed partial class NewOrderPage(IPage page)
{
    public ILocator Total => page.GetByTestId("price-total");

    public ILocator PlaceOrderButton => page.GetByTestId("place-order");

    public ILocator StockWarning(int line) => page.GetByTestId($"line-{line}-stock-warning");

    public async Task GotoAsync()
    {
        await page.GotoAsync("orders/new");
        await new ShellPage(page).WaitUntilInteractiveAsync();
    }

    public async Task EnterNewCustomerAsync(string email)
    {
        await page.GetByTestId("customer-mode-new").ClickAsync();
        await page.GetByTestId("customer-email").FillAsync(email);
    }

    /// <summary>Chooses one of the merchant's customers by searching for their email, and waits until it is chosen.</summary>
    public async Task ChooseCustomerAsync(string email)
    {
        var search = page.GetByTestId("customer-search");
        await search.FillAsync(email);
        await page.GetByTestId("customer-option").Filter(new() { HasText = email }).ClickAsync();
        await Expect(search).ToHaveValueAsync(new Regex(Regex.Escape(email)));
    }

    /// <summary>Pays with the customer's default saved card.</summary>
    public async Task PayByCardAsync()
    {
        // The cards come from Stripe (the sandbox): on a busy two-core runner that can take longer than a click.
        await Expect(page.GetByTestId("card-hint")).ToHaveTextAsync(new Regex(@"^\d+ saved card\(s\)\.$"), new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("pay-by-card")).ToBeEnabledAsync();
        await page.GetByTestId("pay-by-card").ClickAsync();
        await Expect(page.GetByTestId("card-select")).ToBeVisibleAsync();
    }

    /// <summary>Finds the item by SKU in the item search, adds it and waits for its line.</summary>
    public async Task AddItemAsync(string sku, int line)
    {
        await page.GetByTestId("add-item").FillAsync(sku);
        await page.GetByTestId($"item-option-{sku}").ClickAsync();
        await Expect(page.GetByTestId($"line-{line}")).ToBeVisibleAsync();
    }

    public async Task SetQuantityAsync(int line, int quantity) =>
        await page.GetByTestId($"line-{line}-quantity").FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Places the order and waits for its page.</summary>
    public async Task<OrderPage> PlaceAsync()
    {
        await PlaceOrderButton.ClickAsync();
        try
        {
            // Placing talks to the database and, for cards, to Stripe: on a busy two-core runner it can take longer than a click.
            // The address is polled: the page's own navigation can land before a wait for the next navigation would begin.
            await Expect(page).ToHaveURLAsync(OrderAddress(), new() { Timeout = 45_000 });
        }
        catch (PlaywrightException)
        {
            var shown = await page.Locator(".mud-input-error, .mud-alert-message, .mud-snackbar").AllInnerTextsAsync();
            throw new TimeoutException($"The order page did not open; the form shows: {string.Join(" | ", shown)}");
        }

        await new ShellPage(page).WaitUntilInteractiveAsync();
        return new OrderPage(page);
    }

    [GeneratedRegex(@"/orders/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex OrderAddress();
}
