using System.Net;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Identity;

/// <summary>The app re-checks sessions every request here (interval zero) instead of once a minute.</summary>
public sealed class SessionRevalidationTests : IClassFixture<SessionRevalidationTests.ImmediateRevalidationApp>
{
    private const string Password = "Session-Test-2026!";
    private readonly ImmediateRevalidationApp _app;

    public SessionRevalidationTests(ImmediateRevalidationApp app) => _app = app;

    [Fact]
    public async Task Locking_a_user_ends_their_open_session()
    {
        var (client, userId) = await SignedInUserAsync(Roles.Support);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("")).StatusCode);

        await _app.Services.GetRequiredService<UserAdminService>().LockAsync(userId, Actor.System);

        var after = await client.GetAsync("");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/Account/Login", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_role_change_applies_to_an_open_session_at_once()
    {
        var (client, userId) = await SignedInUserAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("admin/users")).StatusCode);

        await _app.Services.GetRequiredService<UserAdminService>()
            .UpdateAsync(userId, new UpdateUser("Demoted", Roles.Support, null), Actor.System);

        var after = await client.GetAsync("admin/users");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/Account/Login", after.Headers.Location!.AbsolutePath);
    }

    private async Task<(HttpClient Client, string UserId)> SignedInUserAsync(string role)
    {
        var email = $"session-{Guid.NewGuid():N}@test.example";
        var user = await _app.Services.GetRequiredService<UserAdminService>()
            .CreateAsync(new CreateUser(email, "Session Test", role, null, Password), Actor.System);
        var client = _app.CreateBrowserlikeClient();
        var signIn = await SsrForm.SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (client, user.Value.Id);
    }

    public sealed class ImmediateRevalidationApp : PortalAppFactory
    {
        public ImmediateRevalidationApp() => Settings["Identity:RevalidationInterval"] = "00:00:00";
    }
}
