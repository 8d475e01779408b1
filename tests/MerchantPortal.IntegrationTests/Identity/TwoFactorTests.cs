using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Identity;

public sealed partial class TwoFactorTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private const string Password = "Two-Factor-2026!";

    [Fact]
    public async Task A_user_turns_on_an_authenticator_and_then_needs_its_code_to_sign_in()
    {
        var email = $"totp-{Guid.NewGuid():N}@test.example";
        await app.Services.GetRequiredService<UserAdminService>()
            .CreateAsync(new CreateUser(email, "Totp Test", Roles.Merchant, await MerchantIdAsync(), Password), Actor.System);
        using var client = app.CreateBrowserlikeClient();
        await SsrForm.SignInAsync(client, email, Password);

        var setupPage = await client.GetStringAsync("Account/Manage/EnableAuthenticator");
        Assert.Contains("<svg", setupPage, StringComparison.Ordinal);
        var key = AuthenticatorKey().Match(setupPage).Groups["key"].Value;

        var wrong = await SsrForm.SubmitAsync(client, "Account/Manage/EnableAuthenticator",
            new Dictionary<string, string> { ["Input.Code"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.Contains("That code is not correct", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var verified = await SsrForm.SubmitAsync(client, "Account/Manage/EnableAuthenticator",
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        var recoveryPage = await verified.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"recovery-codes\"", recoveryPage, StringComparison.Ordinal);

        using var newDevice = app.CreateBrowserlikeClient();
        var signIn = await SsrForm.SignInAsync(newDevice, email, Password);
        Assert.Equal("/Account/LoginWith2fa", signIn.Headers.Location!.AbsolutePath);

        var second = await SsrForm.SubmitAsync(newDevice, signIn.Headers.Location.PathAndQuery.TrimStart('/'),
            new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newDevice.GetAsync("")).StatusCode);
    }

    private async Task<Guid> MerchantIdAsync() =>
        (await app.Services.GetRequiredService<MerchantPortal.Merchants.MerchantService>().ListAsync())[0].Id;

    [GeneratedRegex("data-testid=\"authenticator-key\">(?<key>[a-z0-9 ]+)<", RegexOptions.IgnoreCase)]
    private static partial Regex AuthenticatorKey();
}
