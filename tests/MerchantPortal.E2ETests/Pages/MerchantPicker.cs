using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>The merchant select platform staff use on merchant-scoped pages (API keys, webhooks, balance).</summary>
public sealed class MerchantPicker(IPage page)
{
    public ILocator Select => page.GetByTestId("merchant-picker");

    /// <summary>Opens the select and chooses the merchant by name; callers wait for what the choice shows.</summary>
    public async Task ChooseAsync(string merchantName)
    {
        await Select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = merchantName }).ClickAsync();
    }
}
