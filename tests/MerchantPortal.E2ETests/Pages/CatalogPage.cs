using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>The catalog: the item list, an item's page, the item form and the upload codes dialog.</summary>
public sealed partial class CatalogPage(IPage page)
{
    public ILocator NewItemButton => page.GetByTestId("catalog-new-item");

    public ILocator ShowInactiveSwitch => page.GetByTestId("catalog-show-inactive");

    public ILocator Rows => page.GetByTestId("catalog-grid").Locator("tbody tr");

    public ILocator EditButton => page.GetByTestId("item-edit");

    public ILocator ToggleActiveButton => page.GetByTestId("item-toggle-active");

    public ILocator UploadCodesButton => page.GetByTestId("item-upload-codes");

    public ILocator Codes => page.GetByTestId("item-codes");

    public ILocator CodeRows => page.GetByTestId("codes-grid").Locator("tbody tr");

    public ILocator StockAvailable => page.GetByTestId("item-stock-available");

    public ILocator UploadDialog => page.GetByTestId("upload-codes-dialog");

    public async Task SearchAsync(string text) => await page.GetByTestId("catalog-search").FillAsync(text);

    public ILocator Row(string name) => page.GetByTestId("catalog-grid").Locator("tbody tr", new() { HasText = name });

    /// <summary>Clicks an item's row and waits for its page.</summary>
    public async Task OpenItemAsync(string name)
    {
        await Row(name).ClickAsync();
        await Expect(page).ToHaveURLAsync(ItemAddress());
        await new ShellPage(page).WaitUntilInteractiveAsync();
    }

    /// <summary>Fills the item form for a key item and saves it; returns the new item's id from the page it opens.</summary>
    public async Task<long> CreateKeyItemAsync(string sku, string name, string unitPrice, string currency = "USD")
    {
        await NewItemButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(NewItemAddress());
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await page.GetByTestId("item-type-key").CheckAsync();
        await page.GetByTestId("item-sku").FillAsync(sku);
        await page.GetByTestId("item-name").FillAsync(name);
        await page.GetByTestId("item-currency").FillAsync(currency);
        await page.GetByTestId("item-unit-price").FillAsync(unitPrice);
        await page.GetByTestId("item-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(ItemAddress());
        return long.Parse(ItemAddress().Match(page.Url).Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Opens the upload dialog, pastes the codes one per line and uploads them; the dialog stays open on its summary.</summary>
    public async Task UploadCodesAsync(params string[] codes)
    {
        await UploadCodesButton.ClickAsync();
        await page.GetByTestId("upload-codes-text").FillAsync(string.Join('\n', codes));
        await page.GetByTestId("upload-codes-submit").ClickAsync();
        await page.GetByTestId("upload-summary").WaitForAsync();
    }

    public ILocator UploadResult(string what) => page.GetByTestId($"upload-{what}");

    public async Task CloseUploadDialogAsync() => await page.GetByTestId("upload-codes-done").ClickAsync();

    // Links and buttons inside the portal navigate in the same document, so poll the address rather than wait for a load.
    [GeneratedRegex(@"/catalog/(?<id>\d+)$")]
    private static partial Regex ItemAddress();

    [GeneratedRegex("/catalog/new$")]
    private static partial Regex NewItemAddress();
}
