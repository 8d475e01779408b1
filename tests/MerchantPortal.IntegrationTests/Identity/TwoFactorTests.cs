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

        // Each code is good once: the next step's code (accepted for clocks a little apart) signs in.
        using var newDevice = app.CreateBrowserlikeClient();
        var second = await SignInWithCodeAsync(newDevice, email, Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newDevice.GetAsync("")).StatusCode);
    }

    [Fact]
    public async Task A_code_is_accepted_once_whether_it_turned_two_factor_on_or_signed_in()
    {
        var (email, key, setupCode) = await UserWithAuthenticatorAsync();

        // The code that turned two-factor on cannot sign in.
        using var first = app.CreateBrowserlikeClient();
        var replayOfSetup = await SignInWithCodeAsync(first, email, setupCode);
        Assert.Equal(HttpStatusCode.OK, replayOfSetup.StatusCode);
        Assert.Contains("or it was used already", await replayOfSetup.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A new code signs in once; the same code on another device is refused.
        var code = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithCodeAsync(first, email, code)).StatusCode);
        using var second = app.CreateBrowserlikeClient();
        var replay = await SignInWithCodeAsync(second, email, code);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("")).StatusCode);
    }

    [Fact]
    public async Task Two_sign_ins_racing_with_one_code_let_one_in()
    {
        var (email, key, _) = await UserWithAuthenticatorAsync();
        var code = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));
        using var a = app.CreateBrowserlikeClient();
        using var b = app.CreateBrowserlikeClient();
        var pages = await Task.WhenAll(PasswordStepAsync(a, email), PasswordStepAsync(b, email));

        var answers = await Task.WhenAll(
            SsrForm.SubmitAsync(a, pages[0], new Dictionary<string, string> { ["Input.TwoFactorCode"] = code }),
            SsrForm.SubmitAsync(b, pages[1], new Dictionary<string, string> { ["Input.TwoFactorCode"] = code }));

        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Redirect);
    }

    /// <summary>A new user who turned on an authenticator with the code of the step before now (which it returns).</summary>
    private async Task<(string Email, string Key, string SetupCode)> UserWithAuthenticatorAsync()
    {
        var email = $"totp-{Guid.NewGuid():N}@test.example";
        await app.Services.GetRequiredService<UserAdminService>()
            .CreateAsync(new CreateUser(email, "Totp Test", Roles.Merchant, await MerchantIdAsync(), Password), Actor.System);
        using var client = app.CreateBrowserlikeClient();
        await SsrForm.SignInAsync(client, email, Password);
        var key = AuthenticatorKey().Match(await client.GetStringAsync("Account/Manage/EnableAuthenticator")).Groups["key"].Value;
        var setupCode = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(-30));
        var verified = await SsrForm.SubmitAsync(client, "Account/Manage/EnableAuthenticator", new Dictionary<string, string> { ["Input.Code"] = setupCode });
        Assert.Contains("data-testid=\"recovery-codes\"", await verified.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return (email, key, setupCode);
    }

    /// <summary>Signs in with the password; returns the two-factor page it leads to.</summary>
    private static async Task<string> PasswordStepAsync(HttpClient client, string email)
    {
        var signIn = await SsrForm.SignInAsync(client, email, Password);
        Assert.Equal("/Account/LoginWith2fa", signIn.Headers.Location!.AbsolutePath);
        return signIn.Headers.Location.PathAndQuery.TrimStart('/');
    }

    private static async Task<HttpResponseMessage> SignInWithCodeAsync(HttpClient client, string email, string code) =>
        await SsrForm.SubmitAsync(client, await PasswordStepAsync(client, email), new Dictionary<string, string> { ["Input.TwoFactorCode"] = code });

    private async Task<Guid> MerchantIdAsync() =>
        (await app.Services.GetRequiredService<MerchantPortal.Merchants.MerchantService>().ListAsync())[0].Id;

    [GeneratedRegex("data-testid=\"authenticator-key\">(?<key>[a-z0-9 ]+)<", RegexOptions.IgnoreCase)]
    private static partial Regex AuthenticatorKey();
}
