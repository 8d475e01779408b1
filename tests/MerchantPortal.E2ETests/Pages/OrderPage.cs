using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>One order at /orders/{id}: statuses, lines, codes and timeline.</summary>
public sealed class OrderPage(IPage page)
{
    public ILocator Status => page.GetByTestId("order-status");

    public ILocator Total => page.GetByTestId("order-total");

    public ILocator MaskedCodes => page.GetByTestId("masked-code");

    public ILocator RevealedCodes => page.GetByTestId("revealed-code");

    public ILocator Timeline => page.GetByTestId("order-timeline");

    public ILocator Line(int lineNumber) => page.GetByTestId($"order-line-{lineNumber}");

    public ILocator Delivered(int lineNumber) => Line(lineNumber).GetByTestId("line-delivered");

    public ILocator Undelivered(int lineNumber) => Line(lineNumber).GetByTestId("line-undelivered");

    public ILocator Failure(int lineNumber) => page.GetByTestId($"line-{lineNumber}-failure");

    /// <summary>Reveals the first still-masked code, confirming that it is audited, and returns it.</summary>
    public async Task<string> RevealFirstCodeAsync()
    {
        var revealedBefore = await RevealedCodes.CountAsync();
        await page.GetByTestId("reveal-code").First.ClickAsync();
        await page.GetByTestId("confirm-dialog").GetByText("recorded in the audit log").WaitForAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        var revealed = RevealedCodes.Nth(revealedBefore);
        await revealed.WaitForAsync();
        return (await revealed.TextContentAsync())!.Trim();
    }
}
