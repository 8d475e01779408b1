using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>A merchant's balance at /balance: the available amount and the ledger of every movement, newest first.</summary>
public sealed class BalancePage(IPage page)
{
    public ILocator Available => page.GetByTestId("balance-available");

    public ILocator Ledger => page.GetByTestId("ledger-grid");

    /// <summary>Opens a merchant's balance; platform staff name the merchant in the address.</summary>
    public async Task GotoAsync(Guid merchantId)
    {
        await page.GotoAsync($"balance?merchant={merchantId}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await Expect(Ledger).ToBeVisibleAsync();
    }

    /// <summary>The ledger entry whose description contains the text (a refund's "Refund RF-000123 of order MP-…").</summary>
    public LedgerEntry Entry(string description) => new(Ledger.Locator("tbody tr").Filter(new()
    {
        Has = page.GetByTestId("ledger-description").Filter(new() { HasText = description }),
    }));
}

/// <summary>One row of the ledger.</summary>
public sealed class LedgerEntry(ILocator row)
{
    public ILocator Row => row;

    public ILocator Kind => row.GetByTestId("ledger-kind");

    public ILocator Description => row.GetByTestId("ledger-description");

    public ILocator Amount => row.GetByTestId("ledger-amount");
}
