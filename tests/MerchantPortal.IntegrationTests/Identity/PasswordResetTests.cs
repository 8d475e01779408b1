using System.Net;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Identity;

public sealed class PasswordResetTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task A_user_resets_a_forgotten_password_from_the_emailed_link()
    {
        var email = $"reset-{Guid.NewGuid():N}@test.example";
        await app.Services.GetRequiredService<UserAdminService>()
            .CreateAsync(new CreateUser(email, "Reset Test", Roles.Support, null, "Original-Pass-2026!"), Actor.System);
        using var client = app.CreateBrowserlikeClient();

        var asked = await SsrForm.SubmitAsync(client, "Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal("/Account/ForgotPasswordConfirmation", asked.Headers.Location!.AbsolutePath);

        var link = new Uri(app.Emails.LastTo(email).Link!);
        var reset = await SsrForm.SubmitAsync(client, link.PathAndQuery.TrimStart('/'), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "Brand-New-Pass-2026!",
            ["Input.ConfirmPassword"] = "Brand-New-Pass-2026!",
        });
        Assert.Equal("/Account/ResetPasswordConfirmation", reset.Headers.Location!.AbsolutePath);

        Assert.Equal(HttpStatusCode.OK, (await SsrForm.SignInAsync(client, email, "Original-Pass-2026!")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SsrForm.SignInAsync(client, email, "Brand-New-Pass-2026!")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_email()
    {
        using var client = app.CreateBrowserlikeClient();
        var before = app.Emails.Sent.Count;

        var asked = await SsrForm.SubmitAsync(client, "Account/ForgotPassword",
            new Dictionary<string, string> { ["Input.Email"] = "nobody@test.example" });

        Assert.Equal("/Account/ForgotPasswordConfirmation", asked.Headers.Location!.AbsolutePath);
        Assert.Equal(before, app.Emails.Sent.Count);
    }

    [Fact]
    public async Task A_damaged_reset_link_is_refused()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("Account/ResetPassword?code=%%%");

        Assert.Equal("/Account/InvalidPasswordReset", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_signed_in_user_changes_their_password_and_a_wrong_current_password_is_refused()
    {
        var email = $"change-{Guid.NewGuid():N}@test.example";
        await app.Services.GetRequiredService<UserAdminService>()
            .CreateAsync(new CreateUser(email, "Change Test", Roles.Support, null, "Original-Pass-2026!"), Actor.System);
        using var client = app.CreateBrowserlikeClient();
        await SsrForm.SignInAsync(client, email, "Original-Pass-2026!");

        var wrong = await SsrForm.SubmitAsync(client, "Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = "Not-My-Password-1!",
            ["Input.NewPassword"] = "Changed-Pass-2026!",
            ["Input.ConfirmPassword"] = "Changed-Pass-2026!",
        });
        Assert.Contains("The current password is not correct.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await SsrForm.SubmitAsync(client, "Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = "Original-Pass-2026!",
            ["Input.NewPassword"] = "Changed-Pass-2026!",
            ["Input.ConfirmPassword"] = "Changed-Pass-2026!",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        using var again = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.OK, (await SsrForm.SignInAsync(again, email, "Original-Pass-2026!")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SsrForm.SignInAsync(again, email, "Changed-Pass-2026!")).StatusCode);
    }
}
