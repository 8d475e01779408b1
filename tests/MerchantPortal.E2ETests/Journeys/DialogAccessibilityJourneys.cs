using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// The accessibility sweep of the dialogs (and the item form): each opened over its page, in the light and the dark
/// theme, and checked with axe-core while open; where the form has required fields it is also submitted empty, so the
/// field errors and the links to them are checked too. A serious or critical finding fails, as in
/// <see cref="AccessibilityJourneys"/>. Nothing is saved: every form is left with its errors and the page reopened.
/// </summary>
public sealed class DialogAccessibilityJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    // Fulfilment runs in the app's background worker; the order page follows it live.
    private static readonly LocatorAssertionsToHaveTextOptions Background = new() { Timeout = 30_000 };

    private JourneyData Data => new(Fixture.App);

    [Fact]
    public Task The_refund_dialog_of_a_support_agent_has_no_serious_or_critical_accessibility_violation_in_either_theme() =>
        InBrowserAsync(async page =>
        {
            // Three units, one code: two stay undelivered, so the order offers Refund.
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 300, codes: 1);
            await Data.CreditDemoMerchantAsync(20m);
            var order = await Data.PlaceDemoOrderAsync(await Data.DemoCustomerAsync("Dialog Sweep"), item, units: 3);
            await SignInAsync(page, Roles.Support);
            var orderPage = new OrderPage(page);
            await orderPage.GotoAsync(order.Id);
            await Expect(orderPage.Status).ToHaveTextAsync("Partial", Background);

            await SweepAsync(page, "support-dialogs", async (theme, findings) =>
            {
                var where = $"refund dialog on /orders/{order.Id} ({theme})";
                await AxeSweep.OpenAsync(page, $"/orders/{order.Id}", theme);
                var dialog = await orderPage.OpenRefundDialogAsync();
                findings.AddRange(await ScanAsync(dialog.Root, where));

                // "Other" asks for a note: reviewing without one shows the note's error at the field.
                await dialog.SelectEveryUnitLeftAsync();
                await dialog.Root.GetByTestId("refund-reason").ClickAsync();
                await page.GetByRole(AriaRole.Option, new() { Name = "Other", Exact = true }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Listbox)).ToBeHiddenAsync();
                await Expect(dialog.ReviewButton).ToBeEnabledAsync();
                await dialog.ReviewButton.ClickAsync();
                await ExpectFieldErrorAsync(dialog.Root);
                findings.AddRange(await ScanAsync(dialog.Root, $"{where}, note missing"));

                await dialog.Root.GetByTestId("refund-note").FillAsync("Checked by the accessibility sweep");
                await dialog.ReviewAsync();
                findings.AddRange(await ScanAsync(dialog.Root, $"{where}, confirmation"));
            });
        });

    [Fact]
    public Task The_dialogs_of_a_merchant_team_admin_have_no_serious_or_critical_accessibility_violation_in_either_theme() =>
        InBrowserAsync(async page =>
        {
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 300, codes: 1);
            var awaiting = await Data.DemoOrderAwaitingPaymentAsync(item);
            await SignInAsync(page, Roles.Merchant);

            await SweepAsync(page, "merchant-dialogs", async (theme, findings) =>
            {
                await AxeSweep.OpenAsync(page, "/team", theme);
                findings.AddRange(await SubmittedEmptyAsync(page, page.GetByTestId("invite-colleague"), "invite-colleague-dialog",
                    "colleague-invite", $"invite colleague dialog on /team ({theme})"));

                await AxeSweep.OpenAsync(page, $"/orders/{awaiting.Id}", theme);
                findings.AddRange(await CancelOrderDialogAsync(page, $"cancel order dialog on /orders/{awaiting.Id} ({theme})"));
            });
        });

    [Fact]
    public Task The_dialogs_and_the_item_form_of_an_admin_have_no_serious_or_critical_accessibility_violation_in_either_theme() =>
        InBrowserAsync(async page =>
        {
            var (item, _) = await Data.KeyItemWithCodesAsync(unitPriceMinor: 300, codes: 1);
            var merchant = await Data.DemoMerchantAsync();
            await SignInAsync(page, Roles.Admin);
            var apiKeys = new ApiKeysPage(page);

            await SweepAsync(page, "admin-dialogs", async (theme, findings) =>
            {
                var balance = $"/balance?merchant={merchant.Id}";
                await AxeSweep.OpenAsync(page, balance, theme);
                findings.AddRange(await SubmittedEmptyAsync(page, page.GetByTestId("adjust-balance"), "adjust-dialog", "adjust-save",
                    $"credit dialog on {balance} ({theme})"));
                // A large credit is confirmed in figures and words before it books; the dialog is left at that question.
                var adjust = Dialog(page, "adjust-dialog");
                await adjust.GetByTestId("adjust-amount").FillAsync("12500");
                await adjust.GetByTestId("adjust-reason").FillAsync("Checked by the accessibility sweep");
                await adjust.GetByTestId("adjust-save").ClickAsync();
                await Expect(adjust.GetByTestId("adjust-confirmation")).ToBeVisibleAsync();
                findings.AddRange(await ScanAsync(adjust, $"credit dialog on {balance}, large amount to confirm ({theme})"));

                await AxeSweep.OpenAsync(page, balance, theme);
                findings.AddRange(await SubmittedEmptyAsync(page, page.GetByTestId("adjust-balance"), "adjust-dialog", "adjust-save",
                    $"debit dialog on {balance} ({theme})", before: dialog => dialog.GetByTestId("adjust-debit").CheckAsync()));

                await AxeSweep.OpenAsync(page, "/admin/users", theme);
                findings.AddRange(await SubmittedEmptyAsync(page, page.GetByTestId("invite-user"), "user-dialog", "user-save",
                    $"invite user dialog on /admin/users ({theme})"));

                await AxeSweep.OpenAsync(page, "/api-keys", theme);
                await apiKeys.ChooseMerchantAsync(JourneyData.DemoMerchant);
                findings.AddRange(await SubmittedEmptyAsync(page, apiKeys.CreateButton, "create-api-key-dialog", "api-key-create-submit",
                    $"create API key dialog on /api-keys ({theme})"));

                await AxeSweep.OpenAsync(page, $"/catalog/{item.Id}", theme);
                findings.AddRange(await SubmittedEmptyAsync(page, page.GetByTestId("item-upload-codes"), "upload-codes-dialog",
                    "upload-codes-submit", $"upload codes dialog on /catalog/{item.Id} ({theme})"));

                // The item is edited on its own page, not in a dialog: its form is checked with its fields emptied and saved.
                var edit = $"/catalog/{item.Id}/edit";
                await AxeSweep.OpenAsync(page, edit, theme);
                await page.GetByTestId("item-sku").FillAsync("");
                await page.GetByTestId("item-name").FillAsync("");
                await page.GetByTestId("item-save").ClickAsync();
                await ExpectFieldErrorAsync(page.GetByTestId("item-form"));
                findings.AddRange(await AxeSweep.SeriousFindingsAsync(page, $"{edit} saved empty ({theme})"));
            });
        });

    private async Task SignInAsync(IPage page, string role)
    {
        var user = Fixture.App.DemoUser(role);
        await new LoginPage(page).SignInAsync(user.Email, user.Password);
    }

    /// <summary>Runs the checks once per theme, reports what they found and fails on any finding.</summary>
    private async Task SweepAsync(IPage page, string name, Func<string, List<string>, Task> checks)
    {
        var findings = new List<string>();
        foreach (var theme in AxeSweep.Themes)
        {
            await AxeSweep.SetThemeAsync(page, Fixture.RootUri, theme);
            await checks(theme, findings);
            AxeSweep.Report($"accessibility-{name}", findings);
        }

        Assert.True(findings.Count == 0, $"{findings.Count} finding(s):{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
    }

    /// <summary>Opens a dialog, checks it, submits it as it opened (empty) and checks it again with its errors.</summary>
    private static async Task<IEnumerable<string>> SubmittedEmptyAsync(
        IPage page, ILocator opener, string dialogTestId, string submitTestId, string where, Func<ILocator, Task>? before = null)
    {
        await opener.ClickAsync();
        var dialog = Dialog(page, dialogTestId);
        await Expect(dialog).ToBeVisibleAsync();
        if (before is not null)
        {
            await before(dialog);
        }

        var findings = (await ScanAsync(dialog, where)).ToList();
        await dialog.GetByTestId(submitTestId).ClickAsync();
        await ExpectFieldErrorAsync(dialog);
        findings.AddRange(await ScanAsync(dialog, $"{where}, submitted empty"));
        return findings;
    }

    /// <summary>The cancel dialog has no required field (its reason is optional): it is checked as it opens.</summary>
    private static async Task<IEnumerable<string>> CancelOrderDialogAsync(IPage page, string where)
    {
        await page.GetByTestId("cancel-order").ClickAsync();
        var dialog = Dialog(page, "cancel-order-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        return await ScanAsync(dialog, where);
    }

    // MudDialog puts the test id on its content; the title and the actions sit beside it in the dialog.
    private static ILocator Dialog(IPage page, string testId) =>
        page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.GetByTestId(testId) });

    /// <summary>Waits until a field or a group of the form says what is wrong with it.</summary>
    private static async Task ExpectFieldErrorAsync(ILocator form) =>
        await Expect(form.Locator("[aria-invalid='true'], .mud-input-error, [role='alert']").First).ToBeVisibleAsync();

    /// <summary>Checks the open dialog once its opening transition is over (a half-faded dialog has no contrast to speak of).</summary>
    private static async Task<IEnumerable<string>> ScanAsync(ILocator dialog, string where)
    {
        await dialog.Page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        return await AxeSweep.SeriousFindingsAsync(dialog, where);
    }
}
