using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>The orders list: its filters, grid and CSV export.</summary>
public sealed class OrdersPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("orders-grid");

    /// <summary>The order reference links, one per row shown.</summary>
    public ILocator OrderLinks => Grid.GetByTestId("order-link");

    public ILocator ExportProgress => page.GetByTestId("orders-export-progress");

    public ILocator SearchBox => page.GetByTestId("orders-search");

    /// <summary>The "N orders" line under the grid.</summary>
    public ILocator Count => page.GetByTestId("orders-count");

    public async Task SearchAsync(string text) => await SearchBox.FillAsync(text);

    public async Task ChooseSourceAsync(string label)
    {
        await page.GetByTestId("orders-source-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = label, Exact = true }).ClickAsync();
    }

    /// <summary>Clicks "Export CSV" and returns the file the browser saves.</summary>
    public async Task<IDownload> ExportAsync() =>
        await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("orders-export").ClickAsync());
}
