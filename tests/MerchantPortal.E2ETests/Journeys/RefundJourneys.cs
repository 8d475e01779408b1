using System.Text.RegularExpressions;
using MerchantPortal.Approvals;
using MerchantPortal.Auditing;
using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using DemoUser = MerchantPortal.Web.Operations.DemoDataOptions.DemoUser;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// Support agents refund what was not delivered: from the support queue or the order page, to the card through the
/// app's Stripe sandbox or to the merchant's balance, and — above Northwind Games' $100.00 threshold — only once a
/// second agent approves. Each journey places its own partial order (a new item with fewer codes than units) through
/// the app's services as the demo merchant's user; the app's background worker fulfils it. The demo merchant charges
/// no fee or tax, so a refund returns exactly the undelivered units' price. Refunds, the timeline and approvals name
/// a signed-in agent by their sign-in email.
/// </summary>
public sealed partial class RefundJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    // Fulfilment, Stripe and the refund job run in the background; the pages follow them live.
    private static readonly LocatorAssertionsToHaveTextOptions Background = new() { Timeout = 30_000 };

    private JourneyData Data => new(Fixture.App);

    /// <summary>The two demo support agents: one asks, the other approves.</summary>
    private DemoUser FirstAgent => Fixture.App.DemoUsers.Where(u => u.Role == Roles.Support).ElementAt(0);

    private DemoUser SecondAgent => Fixture.App.DemoUsers.Where(u => u.Role == Roles.Support).ElementAt(1);

    [Fact]
    public Task A_support_agent_refunds_three_undelivered_units_of_a_card_order_to_the_card_from_the_queue() =>
        InBrowserAsync(async page =>
        {
            // 3 units at $9.00 stay under the $100.00 approval threshold.
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 900, codes: 2);
            var (customer, card) = await Data.DemoCustomerWithCardAsync("Carmen Undelivered");
            var placed = await Data.PlaceDemoOrderAsync(customer, item, units: 5, card);
            await SignInAsync(page, FirstAgent);
            var order = new OrderPage(page);
            await order.GotoAsync(placed.Id);
            await Expect(order.Status).ToHaveTextAsync("Partial", Background);
            await Expect(order.Undelivered(1)).ToHaveTextAsync("3");

            await new ShellPage(page).GoToAsync("support");
            var queue = new SupportQueuePage(page);
            await queue.FilterByPaymentMethodAsync("Card");
            var row = queue.Row(placed.Reference);
            await Expect(row.GetByTestId("queue-reason")).ToHaveTextAsync("Out of stock");
            await Expect(row.GetByTestId("queue-undelivered")).ToHaveTextAsync("3 of 5");

            var dialog = await queue.RefundAsync(placed.Reference);
            await dialog.RefundToCardAsync();
            await dialog.ChooseUnitsAsync(lineNumber: 1, units: 3);
            await Expect(dialog.LineAmount(1)).ToHaveTextAsync("$27.00");
            await Expect(dialog.Total).ToHaveTextAsync("$27.00");
            await Expect(dialog.ApprovalHint).ToHaveCountAsync(0);
            await Expect(dialog.ReviewButton).ToBeEnabledAsync();
            await dialog.ReviewAsync();
            await Expect(dialog.ConfirmationText).ToHaveTextAsync($"3 × {item.Name} = $27.00 to Visa •••• 4242");
            await Expect(dialog.ConfirmationApprovalWarning).ToHaveCountAsync(0);
            await dialog.ConfirmAsync();

            await Expect(Snackbar(page, "of $27.00")).ToHaveTextAsync(CardRefundOutcome());
            // Nothing is left to deliver or refund, so the order leaves the queue.
            await Expect(queue.Row(placed.Reference)).ToHaveCountAsync(0);

            await order.GotoAsync(placed.Id);
            await Expect(order.RefundReferences).ToHaveCountAsync(1);
            var reference = (await order.RefundReferences.First.TextContentAsync())!.Trim();
            var refund = order.Refund(reference);
            await Expect(refund.Status).ToHaveTextAsync("Succeeded", Background);
            await Expect(refund.Destination).ToHaveTextAsync("Visa •••• 4242");
            await Expect(refund.Amount).ToHaveTextAsync("$27.00");
            await Expect(refund.Units).ToHaveTextAsync($"3 × {item.Name}");
            await Expect(refund.RequestedBy).ToHaveTextAsync($"by {FirstAgent.Email}");
            await Expect(refund.StripeRefundId).ToHaveTextAsync(StripeRefundId());
            var stripeId = (await refund.StripeRefundId.TextContentAsync())!.Trim();
            await Expect(order.PaymentStatus).ToHaveTextAsync("Partially refunded");
            await Expect(order.Refunded).ToHaveTextAsync("$27.00");
            await Expect(order.Status).ToHaveTextAsync("Partial");
            await Expect(order.Timeline).ToContainTextAsync(
                $"{FirstAgent.Email} refunded 3 × {item.Name} = $27.00 to Visa •••• 4242 ({reference}).");
            await Expect(order.Timeline).ToContainTextAsync($"Returned $27.00 to Visa •••• 4242 ({reference}, {stripeId}).");
        });

    [Fact]
    public Task A_refund_of_a_balance_order_to_the_balance_shows_in_the_merchants_balance_ledger() =>
        InBrowserAsync(async page =>
        {
            // 3 units at $12.50 with 1 code: 2 units ($25.00) are left undelivered.
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 1250, codes: 1);
            await Data.CreditDemoMerchantAsync(50m);
            var merchant = await Data.DemoMerchantAsync();
            var customer = await Data.DemoCustomerAsync("Bela Balance");
            var placed = await Data.PlaceDemoOrderAsync(customer, item, units: 3);
            await SignInAsync(page, FirstAgent);
            var order = new OrderPage(page);
            await order.GotoAsync(placed.Id);
            await Expect(order.Status).ToHaveTextAsync("Partial", Background);

            var dialog = await order.OpenRefundDialogAsync();
            // A balance order can only be refunded to the balance: no choice is offered.
            await Expect(dialog.Destination).ToHaveTextAsync("Merchant balance");
            await dialog.SelectEveryUnitLeftAsync();
            await Expect(dialog.Units(1)).ToHaveValueAsync("2");
            await Expect(dialog.Total).ToHaveTextAsync("$25.00");
            await dialog.ReviewAsync();
            await Expect(dialog.ConfirmationText).ToHaveTextAsync($"2 × {item.Name} = $25.00 to the merchant balance");
            await dialog.ConfirmAsync();

            await Expect(Snackbar(page, "of $25.00")).ToHaveTextAsync(Outcome("succeeded"));
            await Expect(order.RefundReferences).ToHaveCountAsync(1);
            var reference = (await order.RefundReferences.First.TextContentAsync())!.Trim();
            var refund = order.Refund(reference);
            await Expect(refund.Status).ToHaveTextAsync("Succeeded");
            await Expect(refund.Destination).ToHaveTextAsync("Merchant balance");
            await Expect(refund.Amount).ToHaveTextAsync("$25.00");
            await Expect(refund.StripeRefundId).ToHaveCountAsync(0);
            await Expect(order.PaymentStatus).ToHaveTextAsync("Partially refunded");
            await Expect(order.Refunded).ToHaveTextAsync("$25.00");
            await Expect(order.Timeline).ToContainTextAsync($"Returned $25.00 to the merchant balance ({reference}).");

            var balance = new BalancePage(page);
            await balance.GotoAsync(merchant.Id);
            // Support reads a merchant's balance; only admins credit or debit it.
            await Expect(page.GetByTestId("adjust-balance")).ToHaveCountAsync(0);
            var entry = balance.Entry($"Refund {reference} of order {placed.Reference}");
            await Expect(entry.Kind).ToHaveTextAsync("Refund");
            await Expect(entry.Amount).ToHaveTextAsync("$25.00");
            await entry.Description.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/orders/{placed.Id}$"));
        });

    [Fact]
    public Task A_refund_over_the_approval_threshold_waits_until_a_second_agent_approves_it() =>
        InBrowserAsync(async page =>
        {
            // 4 units at $60.00 with 1 code: the 3 undelivered units ($180.00) pass Northwind's $100.00 threshold.
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 6000, codes: 1);
            var (customer, card) = await Data.DemoCustomerWithCardAsync("Frida Foureyes");
            var placed = await Data.PlaceDemoOrderAsync(customer, item, units: 4, card);
            var (requester, approver) = (FirstAgent, SecondAgent);
            await SignInAsync(page, requester);
            var order = new OrderPage(page);
            await order.GotoAsync(placed.Id);
            await Expect(order.Status).ToHaveTextAsync("Partial", Background);

            var dialog = await order.OpenRefundDialogAsync();
            await dialog.SelectEveryUnitLeftAsync();
            await Expect(dialog.Total).ToHaveTextAsync("$180.00");
            await Expect(dialog.ApprovalHint).ToContainTextAsync("a second agent must approve this refund");
            await dialog.ReviewAsync();
            await Expect(dialog.ConfirmationText).ToHaveTextAsync($"3 × {item.Name} = $180.00 to Visa •••• 4242");
            await Expect(dialog.ConfirmationApprovalWarning).ToContainTextAsync("no money moves until another agent approves it");
            var waitingBefore = await WaitingApprovalsAsync();
            await dialog.ConfirmAsync();

            await Expect(Snackbar(page, "of $180.00")).ToHaveTextAsync(Outcome("waits for approval"));
            await Expect(order.RefundReferences).ToHaveCountAsync(1);
            var reference = (await order.RefundReferences.First.TextContentAsync())!.Trim();
            var refund = order.Refund(reference);
            await Expect(refund.Status).ToHaveTextAsync("Awaiting approval");
            await Expect(refund.Decision).ToHaveTextAsync("Waits for a second agent's approval");
            await Expect(order.RefundPending).ToHaveTextAsync("$180.00");
            await Expect(order.Refunded).ToHaveTextAsync("$0.00");
            await Expect(order.PaymentStatus).ToHaveTextAsync("Paid");
            await Expect(order.Timeline).ToContainTextAsync(
                $"{requester.Email} asked to refund 3 × {item.Name} = $180.00 to Visa •••• 4242 ({reference}); it waits for a second person's approval.");

            // The badge counts every approval waiting, ours among them.
            await new ShellPage(page).GoToAsync("support");
            var queue = new SupportQueuePage(page);
            await Expect(queue.ApprovalsBadgeCount).ToHaveTextAsync((waitingBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await queue.OpenApprovalsAsync();
            var approval = queue.Approval(placed.Reference);
            await Expect(approval.GetByTestId("approval-summary")).ToContainTextAsync($"({reference} on {placed.Reference})");
            await Expect(approval.GetByTestId("approval-own-request")).ToBeVisibleAsync();
            await Expect(approval.GetByTestId("approval-approve")).ToBeDisabledAsync();
            await Expect(approval.GetByTestId("approval-reject")).ToBeDisabledAsync();

            await new ShellPage(page).SignOutAsync();
            await SignInAsync(page, approver);
            await new ShellPage(page).GoToAsync("support");
            await queue.OpenApprovalsAsync();
            await Expect(approval.GetByTestId("approval-requested-by")).ToHaveTextAsync($"by {requester.Email}");
            await Expect(approval.GetByTestId("approval-own-request")).ToHaveCountAsync(0);
            await Expect(approval.GetByTestId("approval-approve")).ToBeEnabledAsync();
            await queue.ApproveAsync(placed.Reference);

            await Expect(Snackbar(page, "Approved:")).ToContainTextAsync($"({reference} on {placed.Reference})");
            await Expect(approval).ToHaveCountAsync(0);

            await order.GotoAsync(placed.Id);
            await Expect(refund.Status).ToHaveTextAsync("Succeeded", Background);
            await Expect(refund.Decision).ToContainTextAsync($"Approved by {approver.Email}");
            await Expect(refund.StripeRefundId).ToHaveTextAsync(StripeRefundId());
            await Expect(order.Refunded).ToHaveTextAsync("$180.00");
            await Expect(order.RefundPending).ToHaveCountAsync(0);
            await Expect(order.PaymentStatus).ToHaveTextAsync("Partially refunded");
        });

    private static async Task SignInAsync(IPage page, DemoUser user) =>
        await new LoginPage(page).SignInAsync(user.Email, user.Password);

    private static ILocator Snackbar(IPage page, string text) => page.Locator(".mud-snackbar").Filter(new() { HasText = text });

    /// <summary>How many approvals wait now, as the navigation badge of any support agent counts them.</summary>
    private async Task<int> WaitingApprovalsAsync() =>
        await Fixture.App.Services.GetRequiredService<ApprovalService>().CountPendingAsync(
            Actor.User("e2e-count", "Badge count", null, Roles.Support));

    private static Regex Outcome(string what) => new($@"^Refund RF-\d+ of \$[\d.,]+ {Regex.Escape(what)}$");

    // A card refund is usually settled by Stripe before the dialog closes; if not, it is on its way.
    [GeneratedRegex(@"^Refund RF-\d+ of \$27\.00 (succeeded|sent to Stripe)$")]
    private static partial Regex CardRefundOutcome();

    [GeneratedRegex(@"^re_\w+$")]
    private static partial Regex StripeRefundId();
}
