using MerchantPortal.Identity;
using MerchantPortal.Web.Api;
using Microsoft.AspNetCore.Authorization;

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

        authorization.AddPolicy(Policies.ViewApiKeys, p => p.RequireAuthenticatedUser()
            .RequireRole(Policies.PolicyRoles[Policies.ViewApiKeys])
            .AddRequirements(new MerchantAllowsApiKeysRequirement()));
        services.AddSingleton<IAuthorizationHandler, MerchantAllowsApiKeysHandler>();
        // A merchant user manages the team only as its team admin; TeamService checks the account itself too.
        authorization.AddPolicy(Policies.ManageTeam, p => p.RequireAuthenticatedUser()
            .RequireRole(Policies.PolicyRoles[Policies.ManageTeam])
            .RequireAssertion(context => !context.User.IsInRole(Roles.Merchant) || context.User.HasClaim(PortalClaims.TeamAdmin, "true")));
        return services;
    }
}
