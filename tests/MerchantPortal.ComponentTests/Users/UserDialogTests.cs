using Bunit;
using MerchantPortal.ComponentTests.Shared;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using MerchantPortal.Web.Components.Account;
using MerchantPortal.Email;
using MerchantPortal.Web.Components.Account.Email;
using MerchantPortal.Web.Features.Users;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Users;

/// <summary>The invite/edit dialog against the real user service on a SQLite database.</summary>
public sealed class UserDialogTests : PortalComponentTest, IAsyncLifetime
{
    private readonly CapturedEmails _emails = new();
    private CoreTestHost _core = default!;
    private IReadOnlyList<MerchantSummary> _merchants = [];

    async Task IAsyncLifetime.InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync();
        await _core.Get<MerchantService>().CreateAsync(new CreateMerchant("Northwind", "USD"), Actor.System);
        _merchants = await _core.Get<MerchantService>().ListAsync();
        Services.AddSingleton(_core.Get<UserAdminService>());
        Services.AddSingleton<IEmailTransport>(_emails);
        Services.AddSingleton<PortalEmail>();
        Services.AddScoped<AccountLinks>();
        SignInAs(Roles.Admin, userId: "admin-1");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task Saving_without_a_merchant_shows_the_error_next_to_the_merchant_field()
    {
        var (provider, _) = await ShowAsync();
        provider.Find("[data-testid='user-email']").Change("nora@northwind.test");
        provider.Find("[data-testid='user-name']").Change("Nora");

        provider.Find("[data-testid='user-save']").Click();

        provider.WaitForAssertion(() => Assert.Equal("A merchant user must belong to a merchant account.", MessageFor(provider, "user-merchant-select")));
        Assert.Equal(0, (await _core.Get<UserAdminService>().SearchAsync(new UserQuery())).TotalCount);
    }

    [Fact]
    public async Task An_empty_invitation_reports_every_missing_field_at_once_and_focuses_the_first()
    {
        var focus = JSInterop.SetupModule("./js/form-focus.js");
        var (provider, _) = await ShowAsync();
        provider.Find("[data-testid='user-set-password']").Click();

        provider.Find("[data-testid='user-save']").Click();

        provider.WaitForAssertion(() => Assert.Equal(UserErrors.EmailRequired.Message, MessageFor(provider, "user-email")));
        Assert.StartsWith(UserErrors.DisplayNameRequired.Message, MessageFor(provider, "user-name"), StringComparison.Ordinal);
        Assert.Equal(UserErrors.MerchantRequired.Message, MessageFor(provider, "user-merchant-select"));
        Assert.Equal(UserErrors.PasswordRequired.Message, MessageFor(provider, "user-password"));
        Assert.Equal("true", provider.Find("[data-testid='user-email']").GetAttribute("aria-invalid"));
        provider.WaitForAssertion(() => focus.VerifyInvoke("focusFirstInvalid"));
        Assert.Equal(0, (await _core.Get<UserAdminService>().SearchAsync(new UserQuery())).TotalCount);
    }

    [Fact]
    public async Task A_name_over_the_limit_is_kept_whole_counted_and_refused_at_its_field()
    {
        var (provider, _) = await ShowAsync();
        var name = new string('n', UserErrors.MaxDisplayNameLength + 1);
        provider.Find("[data-testid='user-email']").Change("nora@northwind.test");
        provider.Find("[data-testid='user-name']").Change(name);

        provider.Find("[data-testid='user-save']").Click();

        provider.WaitForAssertion(() => Assert.StartsWith(UserErrors.DisplayNameTooLong.Message, MessageFor(provider, "user-name"), StringComparison.Ordinal));
        CountedInput.AssertKeptWhole(provider, "user-name", name);
        Assert.Contains($"{UserErrors.MaxDisplayNameLength + 1} / {UserErrors.MaxDisplayNameLength}", CountedInput.HelperText(provider, "user-name"),
            StringComparison.Ordinal);
        Assert.Equal(0, (await _core.Get<UserAdminService>().SearchAsync(new UserQuery())).TotalCount);
    }

    [Fact]
    public async Task An_invalid_email_is_reported_at_the_email_field()
    {
        var (provider, _) = await ShowAsync();
        provider.Find("[data-testid='user-email']").Change("not an email");
        provider.Find("[data-testid='user-name']").Change("Nora");

        provider.Find("[data-testid='user-save']").Click();

        provider.WaitForAssertion(() => Assert.Equal("Enter a valid email address, like name@example.com.", MessageFor(provider, "user-email")));
    }

    [Fact]
    public async Task Choosing_to_set_a_password_requires_one()
    {
        var (provider, _) = await ShowAsync();
        provider.Find("[data-testid='user-set-password']").Click();
        provider.Find("[data-testid='user-email']").Change("sam@northwind.test");

        provider.Find("[data-testid='user-save']").Click();

        provider.WaitForAssertion(() => Assert.Equal("Enter a password, or choose to email a link instead.", MessageFor(provider, "user-password")));
    }

    [Fact]
    public async Task A_valid_invitation_creates_the_user_emails_a_link_and_closes()
    {
        var (provider, dialog) = await ShowAsync(existingMerchant: true);
        provider.Find("[data-testid='user-email']").Change("nora@northwind.test");
        provider.Find("[data-testid='user-name']").Change("Nora North");

        provider.Find("[data-testid='user-save']").Click();

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var created = Assert.IsType<UserSummary>(result!.Data);
        Assert.Equal("Northwind", created.MerchantName);
        Assert.Contains("Account/ResetPassword?code=", _emails.LastTo("nora@northwind.test").Link, StringComparison.Ordinal);
    }

    /// <summary>Opens the dialog for a new user; with <paramref name="existingMerchant"/> the merchant is preselected by editing the form.</summary>
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(bool existingMerchant = false)
    {
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<UserDialog> { { d => d.Merchants, _merchants } };
        var dialog = await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<UserDialog>("Invite", parameters));
        if (existingMerchant)
        {
            var form = provider.FindComponent<UserDialog>().Instance;
            await provider.InvokeAsync(() => SetMerchant(form, _merchants[0].Id));
        }

        return (provider, dialog);
    }

    /// <summary>The helper/error line shown under the field.</summary>
    private static string MessageFor(IRenderedComponent<MudDialogProvider> provider, string testId)
    {
        var field = provider.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!;
        return field.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
    }

    private static void SetMerchant(UserDialog dialog, Guid merchantId)
    {
        var field = typeof(UserDialog).GetField("_form", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        ((UserForm)field.GetValue(dialog)!).MerchantId = merchantId;
    }
}
