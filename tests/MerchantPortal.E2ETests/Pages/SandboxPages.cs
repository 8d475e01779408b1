using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>The Stripe sandbox's card form, standing in for Stripe Elements.</summary>
public sealed class SandboxCardForm(IPage page)
{
    public async Task SubmitCardAsync(string number, string expiry = "12 / 34", string cvc = "123")
    {
        await page.Locator("#number").FillAsync(number);
        await page.Locator("#expiry").FillAsync(expiry);
        await page.Locator("#cvc").FillAsync(cvc);
        await page.Locator("form button[type=submit]").ClickAsync();
    }
}

/// <summary>The sandbox's 3-D Secure challenge page.</summary>
public sealed class SandboxAuthenticationPage(IPage page)
{
    public Task CompleteAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Complete authentication" }).ClickAsync();

    public Task FailAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Fail authentication" }).ClickAsync();
}
