using MerchantPortal.Auditing;
using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

public sealed class SignInJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    public static TheoryData<string, string[]> RoleNavigation() => new()
    {
        // The first demo merchant user is Northwind's team admin.
        { Roles.Merchant, ["dashboard", "new-order", "orders", "customers", "payment-methods", "catalog", "balance", "webhooks", "api-reference", "team"] },
        { Roles.Support, ["dashboard", "orders", "customers", "catalog", "balance", "support", "webhooks", "api-keys"] },
        { Roles.Admin, ["dashboard", "new-order", "orders", "customers", "payment-methods", "catalog", "balance", "support", "webhooks", "api-keys", "api-reference", "merchants", "team", "users", "audit"] },
    };

    [Theory]
    [MemberData(nameof(RoleNavigation))]
    public Task Each_role_signs_in_and_sees_exactly_its_navigation(string role, string[] expected) =>
        InBrowserAsync(async page =>
        {
            var user = Fixture.App.DemoUser(role);

            var shell = await new LoginPage(page).SignInAsync(user.Email, user.Password);

            Assert.Equal(expected, await shell.NavigationKeysAsync());
            await Expect(page.GetByTestId("dashboard-account")).ToContainTextAsync(role);
            await shell.SignOutAsync();
        }, $"{nameof(Each_role_signs_in_and_sees_exactly_its_navigation)}_{role}");

    [Fact]
    public Task A_wrong_password_shows_an_error() =>
        InBrowserAsync(async page =>
        {
            var login = new LoginPage(page);
            await login.GotoAsync();

            await login.SubmitAsync(Fixture.App.DemoUser(Roles.Support).Email, "Definitely-Wrong-1!");

            await Expect(login.Error).ToHaveTextAsync("The email or password is not correct.");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        });

    [Fact]
    public Task The_sixth_wrong_password_locks_the_account() =>
        InBrowserAsync(async page =>
        {
            const string password = "Right-Password-2026!";
            var email = $"e2e-lock-{Guid.NewGuid():N}@test.example";
            await Fixture.App.Services.GetRequiredService<UserAdminService>()
                .CreateAsync(new CreateUser(email, "Lock Journey", Roles.Support, null, password), Actor.System);
            var login = new LoginPage(page);
            await login.GotoAsync();

            for (var attempt = 1; attempt < LockoutPolicy.MaxFailedAttempts; attempt++)
            {
                await login.SubmitAsync(email, $"Wrong-Password-{attempt}!");
                await Expect(login.Error).ToHaveTextAsync("The email or password is not correct.");
            }

            await login.SubmitAsync(email, "Wrong-Password-6!");

            await Expect(page.GetByTestId("lockout")).ToContainTextAsync("This account is locked");
            await login.GotoAsync();
            await login.SubmitAsync(email, password);
            await Expect(page.GetByTestId("lockout")).ToBeVisibleAsync();
        });

    [Fact]
    public Task A_merchant_opening_an_admin_page_is_told_it_is_not_theirs() =>
        InBrowserAsync(async page =>
        {
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);

            await page.GotoAsync("admin/users");

            await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("You don't have access to this page");
        });

    [Fact]
    public Task The_chosen_theme_is_remembered_after_a_reload() =>
        InBrowserAsync(async page =>
        {
            var support = Fixture.App.DemoUser(Roles.Support);
            var shell = await new LoginPage(page).SignInAsync(support.Email, support.Password);
            var startsDark = await shell.ThemeToggle.GetAttributeAsync("aria-label") == "Switch to light theme";

            var flipped = startsDark ? "Switch to dark theme" : "Switch to light theme";

            await shell.ThemeToggle.ClickAsync();
            await Expect(shell.ThemeToggle).ToHaveAttributeAsync("aria-label", flipped);
            await page.ReloadAsync();
            await shell.WaitUntilInteractiveAsync();

            await Expect(shell.ThemeToggle).ToHaveAttributeAsync("aria-label", flipped);
        });

    [Fact]
    public Task An_unknown_address_shows_the_not_found_page() =>
        InBrowserAsync(async page =>
        {
            var response = await page.GotoAsync("this/page/does/not/exist");

            Assert.Equal(404, response!.Status);
            await Expect(page.GetByTestId("not-found")).ToContainTextAsync("We can't find that page");
        });
}
