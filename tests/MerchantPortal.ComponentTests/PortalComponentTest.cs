using System.Security.Claims;
using Bunit;
using MerchantPortal.Identity;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MerchantPortal.ComponentTests;

/// <summary>
/// bUnit with MudBlazor's services, loose JS interop and the portal's real authorization policies,
/// evaluated against a signed-in test user.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    // bUnit waits one second by default; a busy CI machine can take longer to load a page's data.
    static PortalComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected PortalComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddAuthorizationCore();
        Services.AddPortalAuthorization();
        // bUnit registers a placeholder authorization service; evaluate the portal's real policies instead.
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddCascadingAuthenticationState();
        Services.AddHttpContextAccessor();
        Services.AddScoped<CurrentUser>();
        Services.AddScoped<BrowserTimeZone>();
        Services.AddScoped<Clipboard>();
        Services.AddScoped<FormFocus>();
    }

    /// <summary>
    /// Signs in a test user holding <paramref name="role"/>, and renders as a live server circuit. Call it
    /// after registering any other services: it starts the renderer.
    /// </summary>
    protected ClaimsPrincipal SignInAs(string role, string userId = "user-1", string name = "Test User", Guid? merchantId = null, bool teamAdmin = false)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId),
            new(ClaimTypes.Name, $"{userId}@test.example"),
            new(ClaimTypes.Role, role),
            new(PortalClaims.DisplayName, name),
        };
        if (merchantId is { } id)
        {
            claims.Add(new Claim(PortalClaims.MerchantId, id.ToString()));
        }

        if (teamAdmin)
        {
            claims.Add(new Claim(PortalClaims.TeamAdmin, "true"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationStateProvider(principal));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return principal;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services only support asynchronous disposal.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private sealed class FixedAuthenticationStateProvider(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
