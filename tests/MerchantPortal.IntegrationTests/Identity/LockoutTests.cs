using System.Net;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Identity;

public sealed class LockoutTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private const string Password = "Lockout-Test-2026!";

    [Fact]
    public async Task Five_wrong_passwords_are_tolerated_and_the_sixth_locks_the_account()
    {
        var email = await CreateUserAsync();
        using var client = app.CreateBrowserlikeClient();

        for (var attempt = 1; attempt <= LockoutPolicy.MaxFailedAttempts - 1; attempt++)
        {
            var wrong = await SsrForm.SignInAsync(client, email, $"Wrong-Password-{attempt}!");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var sixth = await SsrForm.SignInAsync(client, email, "Wrong-Password-6!");
        Assert.Equal(HttpStatusCode.Redirect, sixth.StatusCode);
        Assert.Equal("/Account/Lockout", sixth.Headers.Location!.AbsolutePath);

        // Even the right password is refused while the lock lasts.
        var right = await SsrForm.SignInAsync(client, email, Password);
        Assert.Equal("/Account/Lockout", right.Headers.Location!.AbsolutePath);
        Assert.True((await app.Services.GetRequiredService<UserAdminService>().SearchAsync(new UserQuery(email))).Items.Single().IsLockedOut);
    }

    [Fact]
    public async Task A_successful_sign_in_resets_the_failure_count()
    {
        var email = await CreateUserAsync();
        using var client = app.CreateBrowserlikeClient();
        for (var attempt = 1; attempt <= LockoutPolicy.MaxFailedAttempts - 1; attempt++)
        {
            await SsrForm.SignInAsync(client, email, "Wrong-Password-1!");
        }

        await SsrForm.SignInAsync(client, email, Password);
        using var otherClient = app.CreateBrowserlikeClient();
        var wrongAgain = await SsrForm.SignInAsync(otherClient, email, "Wrong-Password-1!");

        Assert.Equal(HttpStatusCode.OK, wrongAgain.StatusCode);
    }

    private async Task<string> CreateUserAsync()
    {
        var email = $"lock-{Guid.NewGuid():N}@test.example";
        var created = await app.Services.GetRequiredService<UserAdminService>()
            .CreateAsync(new CreateUser(email, "Lock Test", Roles.Support, null, Password), Actor.System);
        Assert.True(created.Succeeded, created.Error?.Message);
        return email;
    }
}
