using MerchantPortal.Identity;
using MerchantPortal.Web.Api;

namespace MerchantPortal.Web.Security;

internal static class AuthorizationRegistration
{
    /// <summary>One authorization policy per capability in <see cref="Policies.PolicyRoles"/>.</summary>
    public static IServiceCollection AddPortalAuthorization(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder().AddApiScopePolicies();
        foreach (var (policy, roles) in Policies.PolicyRoles)
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        return services;
    }
}
