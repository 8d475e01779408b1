using System.Security.Claims;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace MerchantPortal.Web.Security;

/// <summary>The signed-in user of the current circuit or request, as the service layer's <see cref="Actor"/>.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<ClaimsPrincipal> GetPrincipalAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<Actor> GetActorAsync() => ToActor(await GetPrincipalAsync());

    public static Actor ToActor(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("No user is signed in.");
        var name = user.FindFirstValue(ClaimTypes.Name) ?? id;
        var merchantId = Guid.TryParse(user.FindFirstValue(PortalClaims.MerchantId), out var merchant) ? merchant : (Guid?)null;
        var role = Roles.All.FirstOrDefault(user.IsInRole) ?? "";
        return Actor.User(id, name, merchantId, role);
    }
}
