using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>A merchant's API keys at /api-keys: the list, the create dialog and the dialog that shows a new secret once.</summary>
public sealed class ApiKeysPage(IPage page)
{
    public ILocator CreateButton => page.GetByTestId("create-api-key");

    public ILocator Rows => page.GetByTestId("api-key-row");

    // MudDialog puts the test id on its content; the actions (Copy, Done) sit beside it in the dialog.
    public ILocator SecretDialog => page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.GetByTestId("api-key-secret-dialog") });

    public ILocator Secret => SecretDialog.GetByTestId("api-key-secret");

    public ILocator CopyButton => SecretDialog.GetByTestId("copy-api-key");

    public async Task GotoAsync()
    {
        await page.GotoAsync("api-keys");
        await new ShellPage(page).WaitUntilInteractiveAsync();
    }

    /// <summary>Platform staff choose whose keys to manage; the create button appears once a merchant is chosen.</summary>
    public async Task ChooseMerchantAsync(string merchantName)
    {
        await new MerchantPicker(page).ChooseAsync(merchantName);
        await Expect(CreateButton).ToBeVisibleAsync();
    }

    /// <summary>Fills the create dialog, creates the key and waits for the dialog that shows its secret.</summary>
    public async Task CreateAsync(string name, params string[] scopes)
    {
        await CreateButton.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.GetByTestId("create-api-key-dialog") });
        await dialog.GetByTestId("api-key-name").FillAsync(name);
        foreach (var scope in scopes)
        {
            await dialog.GetByTestId($"api-key-scope-{scope}").CheckAsync();
        }

        await dialog.GetByTestId("api-key-create-submit").ClickAsync();
        await Expect(Secret).ToBeVisibleAsync();
    }

    public async Task CloseSecretAsync()
    {
        await SecretDialog.GetByTestId("api-key-secret-done").ClickAsync();
        await Expect(SecretDialog).ToBeHiddenAsync();
    }

    public ApiKeyRow Row(string name) => new(Rows.Filter(new() { Has = page.GetByTestId("api-key-name-cell").GetByText(name, new() { Exact = true }) }));

    /// <summary>Revokes the key through the confirmation dialog and waits for the list to show it revoked.</summary>
    public async Task RevokeAsync(string name)
    {
        var row = Row(name);
        await row.Root.GetByTestId("revoke-api-key").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToContainTextAsync("cannot be undone");
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(row.Status).ToHaveTextAsync("Revoked");
    }
}

/// <summary>One key in the list.</summary>
public sealed class ApiKeyRow(ILocator row)
{
    public ILocator Root => row;

    public ILocator Prefix => row.GetByTestId("api-key-prefix");

    public ILocator Scopes => row.GetByTestId("api-key-scope");

    public ILocator Status => row.GetByTestId("api-key-status");

    public ILocator LastUsed => row.GetByTestId("api-key-last-used");

    public ILocator Requests => row.GetByTestId("api-key-requests");

    public ILocator Orders => row.GetByTestId("api-key-orders");
}
