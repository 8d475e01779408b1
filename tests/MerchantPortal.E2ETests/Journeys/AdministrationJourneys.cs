using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

public sealed class AdministrationJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task A_team_admin_invites_a_colleague_and_later_removes_them() =>
        InBrowserAsync(async page =>
        {
            var owner = Fixture.App.DemoUsers.First(u => u.IsTeamAdmin);
            var email = $"colleague-{Guid.NewGuid():N}@northwind.test";
            var shell = await new LoginPage(page).SignInAsync(owner.Email, owner.Password);
            await shell.GoToAsync("team");

            await page.GetByTestId("invite-colleague").ClickAsync();
            await page.GetByTestId("colleague-email").FillAsync(email);
            await page.GetByTestId("colleague-name").FillAsync("Cleo Colleague");
            await page.GetByTestId("colleague-invite").ClickAsync();

            await Expect(page.GetByTestId("invite-colleague-dialog")).ToBeHiddenAsync();
            await Expect(page.GetByTestId($"team-status-{email}")).ToHaveTextAsync("Active");
            Assert.Contains(Fixture.App.Emails.Sent, e => e.To == email && e.Link!.Contains("Account/ResetPassword", StringComparison.Ordinal));

            await page.GetByTestId($"team-actions-{email}").ClickAsync();
            await page.GetByTestId("team-remove").ClickAsync();
            await page.GetByTestId("confirm-ok").ClickAsync();

            await Expect(page.GetByTestId($"team-status-{email}")).ToHaveTextAsync("Removed");
        });

    [Fact]
    public Task An_admin_renames_and_deactivates_a_merchant_and_the_audit_log_shows_before_and_after() =>
        InBrowserAsync(async page =>
        {
            var admin = Fixture.App.DemoUser(Roles.Admin);
            var name = $"Fabrikam {Guid.NewGuid():N}"[..16];
            var renamed = name + " Games";
            var shell = await new LoginPage(page).SignInAsync(admin.Email, admin.Password);
            await shell.GoToAsync("merchants");

            await page.GetByTestId("new-merchant").ClickAsync();
            await page.GetByTestId("merchant-name").FillAsync(name);
            await page.GetByTestId("merchant-save").ClickAsync();
            await Expect(page.GetByTestId($"merchant-status-{name}")).ToHaveTextAsync("Active");

            await page.GetByTestId($"edit-charges-{name}").ClickAsync();
            await page.GetByTestId("merchant-name").FillAsync(renamed);
            await page.GetByTestId("merchant-save").ClickAsync();
            await page.GetByTestId($"deactivate-{renamed}").ClickAsync();
            await page.GetByTestId("confirm-ok").ClickAsync();

            await Expect(page.GetByTestId($"merchant-status-{renamed}")).ToHaveTextAsync("Deactivated");

            await shell.GoToAsync("audit");
            await page.GetByTestId("audit-search").FillAsync(renamed);
            var changes = page.GetByTestId("audit-changes");
            await Expect(changes.Filter(new() { HasText = "status" })).ToContainTextAsync("active → deactivated");
            await Expect(changes.Filter(new() { HasText = "name" })).ToContainTextAsync($"{name} → {renamed}");
        });

    [Fact]
    public Task A_merchant_compares_the_last_seven_days_with_the_week_before() =>
        InBrowserAsync(async page =>
        {
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);

            await page.GetByTestId("dashboard-last-7").ClickAsync();

            await Expect(page.GetByTestId("stat-orders-period")).ToContainTextAsync("Orders, last 7 days");
            await Expect(page.GetByTestId("stat-orders-period-caption")).ToContainTextAsync("vs previous period");
            await Expect(page.GetByTestId("dashboard-last-7")).ToHaveAttributeAsync("aria-pressed", "true");
        });
}
