using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>
/// The refund dialog, opened from the order page or over the support queue: units per line with the live
/// amount, where the money goes, the reason; then the confirmation that says exactly what will happen.
/// </summary>
public sealed class RefundDialog(IPage page)
{
    // MudDialog puts the test id on its content; the actions (Review, Confirm) sit beside it in the dialog.
    public ILocator Root => page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.GetByTestId("refund-dialog") });

    public ILocator Lines => Root.GetByTestId("refund-lines");

    public ILocator Total => Root.GetByTestId("refund-total");

    /// <summary>The warning, while choosing units, that the refund goes above the merchant's approval threshold.</summary>
    public ILocator ApprovalHint => Root.GetByTestId("refund-approval-hint");

    /// <summary>The destination: a choice when the order can be refunded to its card or the balance, a fact otherwise.</summary>
    public ILocator Destination => Root.GetByTestId("refund-destination");

    public ILocator ConfirmationText => Root.GetByTestId("refund-confirm-text");

    public ILocator ConfirmationApprovalWarning => Root.GetByTestId("refund-confirm-approval");

    public ILocator ReviewButton => Root.GetByTestId("refund-review");

    public ILocator Units(int lineNumber) => Root.GetByTestId($"refund-line-{lineNumber}-units");

    public ILocator LineAmount(int lineNumber) => Root.GetByTestId($"refund-line-{lineNumber}-amount");

    /// <summary>Waits until the dialog shows the order's lines (it reads them from the service once open).</summary>
    public async Task WaitUntilLoadedAsync() => await Expect(Lines).ToBeVisibleAsync();

    /// <summary>Types the units to refund of a line; the amounts follow once the service has quoted them.</summary>
    public async Task ChooseUnitsAsync(int lineNumber, int units) =>
        await Units(lineNumber).FillAsync(units.ToString(CultureInfo.InvariantCulture));

    public async Task SelectEveryUnitLeftAsync() => await Root.GetByTestId("refund-select-all").ClickAsync();

    public async Task RefundToCardAsync() => await Root.GetByTestId("refund-destination-card").CheckAsync();

    public async Task RefundToBalanceAsync() => await Root.GetByTestId("refund-destination-balance").CheckAsync();

    /// <summary>Goes on to the confirmation step and waits for its sentence.</summary>
    public async Task ReviewAsync()
    {
        await Expect(ReviewButton).ToBeEnabledAsync();
        await ReviewButton.ClickAsync();
        await Expect(ConfirmationText).ToBeVisibleAsync();
    }

    /// <summary>Confirms the refund and waits for the dialog to close (the refund is made by then).</summary>
    public async Task ConfirmAsync()
    {
        await Root.GetByTestId("refund-confirm").ClickAsync();
        await Expect(Root).ToBeHiddenAsync(new() { Timeout = 30_000 });
    }
}
