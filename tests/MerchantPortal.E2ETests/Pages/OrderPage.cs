using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>One order at /orders/{id}: statuses, lines, codes, refunds and timeline.</summary>
public sealed class OrderPage(IPage page)
{
    public ILocator Status => page.GetByTestId("order-status");

    public ILocator PaymentStatus => page.GetByTestId("order-payment-status");

    public ILocator Total => page.GetByTestId("order-total");

    /// <summary>The money refunds have returned so far.</summary>
    public ILocator Refunded => page.GetByTestId("order-refunded");

    /// <summary>The money refunds on their way hold (pending at Stripe, or waiting for approval); absent when none.</summary>
    public ILocator RefundPending => page.GetByTestId("order-refund-pending");

    public ILocator MaskedCodes => page.GetByTestId("masked-code");

    public ILocator RevealedCodes => page.GetByTestId("revealed-code");

    public ILocator Timeline => page.GetByTestId("order-timeline");

    public ILocator RefundButton => page.GetByTestId("refund-order");

    /// <summary>The refund rows' references, oldest first (the Refunds section shows only once the order has one).</summary>
    public ILocator RefundReferences => page.GetByTestId("order-refunds").GetByTestId("refund-reference");

    public ILocator Line(int lineNumber) => page.GetByTestId($"order-line-{lineNumber}");

    public ILocator Delivered(int lineNumber) => Line(lineNumber).GetByTestId("line-delivered");

    public ILocator Undelivered(int lineNumber) => Line(lineNumber).GetByTestId("line-undelivered");

    public ILocator Failure(int lineNumber) => page.GetByTestId($"line-{lineNumber}-failure");

    /// <summary>One refund in the Refunds section, by its reference (RF-000123).</summary>
    public OrderRefundRow Refund(string reference) => new(page, reference);

    public async Task GotoAsync(Guid orderId)
    {
        await page.GotoAsync($"orders/{orderId}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await Expect(Status).ToBeVisibleAsync();
    }

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

    /// <summary>Clicks Refund and waits for the refund dialog to show the order's lines.</summary>
    public async Task<RefundDialog> OpenRefundDialogAsync()
    {
        await Expect(RefundButton).ToBeEnabledAsync();
        await RefundButton.ClickAsync();
        var dialog = new RefundDialog(page);
        await dialog.WaitUntilLoadedAsync();
        return dialog;
    }
}

/// <summary>A refund in the order's Refunds section: its row, and the facts row under it (reason, Stripe id, decision).</summary>
public sealed class OrderRefundRow(IPage page, string reference)
{
    public ILocator Row => page.Locator($"[data-testid='refund-{reference}']");

    private ILocator Facts => page.Locator($"[data-testid='refund-{reference}'] + tr");

    public ILocator Status => Row.GetByTestId("refund-status");

    public ILocator Units => Row.GetByTestId("refund-units");

    public ILocator Destination => Row.GetByTestId("refund-destination");

    public ILocator Amount => Row.GetByTestId("refund-amount");

    public ILocator RequestedBy => Row.GetByTestId("refund-requested-by");

    public ILocator StripeRefundId => Facts.GetByTestId("refund-stripe-id");

    /// <summary>Who approved or rejected it and when, or that it waits for a second agent.</summary>
    public ILocator Decision => Facts.GetByTestId("refund-decided");
}
