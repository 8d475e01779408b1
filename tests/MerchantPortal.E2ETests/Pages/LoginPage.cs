using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>The sign-in page.</summary>
public sealed class LoginPage(IPage page)
{
    public ILocator Error => page.GetByTestId("status-message");

    public async Task GotoAsync() => await page.GotoAsync("Account/Login");

    public async Task SubmitAsync(string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }

    /// <summary>Signs in and waits for the interactive portal shell.</summary>
    public async Task<ShellPage> SignInAsync(string email, string password)
    {
        await GotoAsync();
        await SubmitAsync(email, password);
        var shell = new ShellPage(page);
        await shell.WaitUntilInteractiveAsync();
        return shell;
    }
}
