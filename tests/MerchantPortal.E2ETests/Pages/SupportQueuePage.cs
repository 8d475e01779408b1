using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>
/// The support queue at /support: the orders that need a person (filters, rows found by order reference, row
/// actions) and the Approvals tab where a second agent decides refunds above a merchant's threshold.
/// </summary>
public sealed partial class SupportQueuePage(IPage page)
{
    public ILocator Table => page.GetByTestId("queue-table");

    public ILocator AttentionTab => page.GetByRole(AriaRole.Tab, new() { Name = "Needs attention" });

    public ILocator ApprovalsTab => page.GetByRole(AriaRole.Tab, new() { NameRegex = ApprovalsTabName() });

    /// <summary>The number of approvals waiting shown next to "Support queue" in the navigation.</summary>
    public ILocator ApprovalsBadge => page.GetByTestId("support-approvals-badge");

    /// <summary>The badge's visible figure (the rest of its text is for screen readers).</summary>
    public ILocator ApprovalsBadgeCount => ApprovalsBadge.Locator("[aria-hidden='true']");

    public async Task GotoAsync()
    {
        await page.GotoAsync("support");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await Expect(Table).ToBeVisibleAsync();
    }

    /// <summary>Narrows the queue to one payment method ("Card" or "Merchant balance").</summary>
    public async Task FilterByPaymentMethodAsync(string label)
    {
        await page.GetByTestId("queue-payment-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = label, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PaymentFilterAddress());
    }

    /// <summary>The queue's row of an order, found by its reference (the first cell carries it), wherever it sits among other rows.</summary>
    public ILocator Row(string reference) =>
        Table.Locator("tbody tr").Filter(new() { Has = page.Locator($"[data-testid='queue-row'][data-reference='{reference}']") });

    /// <summary>Clicks the row's Refund and waits for the refund dialog over the queue.</summary>
    public async Task<RefundDialog> RefundAsync(string reference)
    {
        await Row(reference).GetByTestId("queue-refund").ClickAsync();
        var dialog = new RefundDialog(page);
        await dialog.WaitUntilLoadedAsync();
        return dialog;
    }

    public async Task OpenApprovalsAsync()
    {
        await ApprovalsTab.ClickAsync();
        await Expect(ApprovalsTab).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page).ToHaveURLAsync(ApprovalsAddress());
    }

    /// <summary>The approval of a refund of that order (its summary names the order's reference).</summary>
    public ILocator Approval(string orderReference) =>
        page.GetByTestId("approvals-table").Locator("tbody tr").Filter(new()
        {
            Has = page.GetByTestId("approval-summary").Filter(new() { HasText = orderReference }),
        });

    /// <summary>Approves the order's refund after the confirmation.</summary>
    public async Task ApproveAsync(string orderReference)
    {
        await Approval(orderReference).GetByTestId("approval-approve").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
    }

    [GeneratedRegex(@"^Approvals \(\d+\)$")]
    private static partial Regex ApprovalsTabName();

    [GeneratedRegex(@"/support\?(.*&)?payment=")]
    private static partial Regex PaymentFilterAddress();

    [GeneratedRegex(@"/support\?(.*&)?tab=approvals")]
    private static partial Regex ApprovalsAddress();
}
