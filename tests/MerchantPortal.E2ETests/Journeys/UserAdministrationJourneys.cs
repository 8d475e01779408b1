using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

public sealed class UserAdministrationJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task An_admin_invites_a_support_agent_and_then_locks_the_account() =>
        InBrowserAsync(async page =>
        {
            var admin = Fixture.App.DemoUser(Roles.Admin);
            var email = $"agent-{Guid.NewGuid():N}@test.example";
            var shell = await new LoginPage(page).SignInAsync(admin.Email, admin.Password);
            await shell.GoToAsync("users");

            await page.GetByTestId("invite-user").ClickAsync();
            var dialog = page.GetByTestId("user-dialog");
            await page.GetByTestId("user-email").FillAsync(email);
            await page.GetByTestId("user-name").FillAsync("Ava Agent");
            await page.GetByTestId("user-role-select").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Support") }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Listbox)).ToBeHiddenAsync();
            await Expect(page.GetByTestId("user-dialog")).ToContainTextAsync("Support — retries and refunds orders of every merchant");
            await page.GetByTestId("user-save").ClickAsync();

            await Expect(dialog).ToBeHiddenAsync();
            await page.GetByTestId("users-search").FillAsync(email);
            await Expect(page.GetByTestId("users-grid").Locator("tbody tr")).ToHaveCountAsync(1);
            var row = page.Locator("tr", new() { HasText = email });
            await Expect(row).ToContainTextAsync("Support");
            await Expect(row.GetByTestId("user-status")).ToHaveTextAsync("Active");
            Assert.Contains(Fixture.App.Emails.Sent, e => e.To == email && e.Link!.Contains("Account/ResetPassword", StringComparison.Ordinal));

            await page.GetByTestId($"user-actions-{email}").ClickAsync();
            await page.GetByTestId("user-lock").ClickAsync();
            await page.GetByTestId("confirm-ok").ClickAsync();

            await Expect(row.GetByTestId("user-status")).ToHaveTextAsync("Locked");
        });

    [Fact]
    public Task Inviting_without_a_merchant_for_a_merchant_user_shows_the_error_at_the_field() =>
        InBrowserAsync(async page =>
        {
            var admin = Fixture.App.DemoUser(Roles.Admin);
            var shell = await new LoginPage(page).SignInAsync(admin.Email, admin.Password);
            await shell.GoToAsync("users");

            await page.GetByTestId("invite-user").ClickAsync();
            await page.GetByTestId("user-email").FillAsync($"m-{Guid.NewGuid():N}@test.example");
            await page.GetByTestId("user-name").FillAsync("Max Merchant");
            await page.GetByTestId("user-save").ClickAsync();

            await Expect(page.GetByTestId("user-dialog")).ToContainTextAsync("A merchant user must belong to a merchant account.");
        });
}
