using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>The portal's frame: app bar, navigation drawer, user menu, theme toggle.</summary>
public sealed class ShellPage(IPage page)
{
    public ILocator ThemeToggle => page.GetByTestId("theme-toggle");

    /// <summary>The navigation drawer (a MudDrawer) beside the page.</summary>
    public ILocator Drawer => page.Locator("#main-drawer");

    /// <summary>Waits until the page is live (its circuit connected), so clicks reach the server.</summary>
    public async Task WaitUntilInteractiveAsync() =>
        await page.Locator("main[data-interactive='true']").WaitForAsync();

    /// <summary>The keys of the navigation entries shown, in order (nav-dashboard → "dashboard").</summary>
    public async Task<IReadOnlyList<string>> NavigationKeysAsync()
    {
        var nav = page.GetByTestId("nav");
        await nav.Locator("[data-testid^='nav-']").First.WaitForAsync();
        var ids = await nav.Locator("[data-testid^='nav-']").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.testid)");
        return [.. ids.Select(id => id["nav-".Length..])];
    }

    public async Task GoToAsync(string navigationKey)
    {
        await page.GetByTestId($"nav-{navigationKey}").ClickAsync();
        await WaitUntilInteractiveAsync();
    }

    public async Task SignOutAsync()
    {
        await page.GetByTestId("user-menu-button").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");
    }
}
