using System.Security.Claims;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using Microsoft.AspNetCore.Authorization;

namespace MerchantPortal.Web.Security;

/// <summary>A merchant user reaches the API keys page only when their merchant lets its users manage its keys.</summary>
internal sealed class MerchantAllowsApiKeysRequirement : IAuthorizationRequirement;

/// <summary>
/// Reads the merchant's setting on every check (the navigation and the page), so an admin's change applies at once
/// without signing anyone out. Staff pass: their role decides.
/// </summary>
internal sealed class MerchantAllowsApiKeysHandler(IServiceProvider services) : AuthorizationHandler<MerchantAllowsApiKeysRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MerchantAllowsApiKeysRequirement requirement)
    {
        if (!context.User.IsInRole(Roles.Merchant))
        {
            context.Succeed(requirement);
            return;
        }

        // Resolved only for merchant users: every other policy check builds this handler too, and needs no database.
        if (Guid.TryParse(context.User.FindFirstValue(PortalClaims.MerchantId), out var merchantId)
            && await services.GetRequiredService<MerchantService>().FindAsync(merchantId) is { MerchantUsersManageApiKeys: true })
        {
            context.Succeed(requirement);
        }
    }
}
