using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Identity;

/// <summary>Adds the user's merchant, display name and team admin flag to the sign-in principal.</summary>
internal sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.MerchantId is { } merchantId)
        {
            identity.AddClaim(new Claim(PortalClaims.MerchantId, merchantId.ToString()));
            if (user.IsTeamAdmin)
            {
                identity.AddClaim(new Claim(PortalClaims.TeamAdmin, "true"));
            }
        }

        return identity;
    }
}
