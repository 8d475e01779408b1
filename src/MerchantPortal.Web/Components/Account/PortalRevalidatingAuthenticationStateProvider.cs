using System.Security.Claims;
using MerchantPortal.Identity;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Components.Account;

/// <summary>
/// Re-checks a live circuit's user every <see cref="SessionRevalidationOptions.RevalidationInterval"/> (a minute by
/// default): a deleted or locked user, or one whose role changed (the security stamp moves), is signed
/// out of the open page.
/// </summary>
internal sealed class PortalRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptions<SessionRevalidationOptions> sessionOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    // The live-page check loops on this interval, so it never runs more than once a second.
    protected override TimeSpan RevalidationInterval =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, sessionOptions.Value.RevalidationInterval.Ticks));

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await IsStillValidAsync(users, authenticationState.User);
    }

    private async Task<bool> IsStillValidAsync(UserManager<PortalUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        var principalStamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}
