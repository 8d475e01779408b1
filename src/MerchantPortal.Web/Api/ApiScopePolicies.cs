using MerchantPortal.Identity;
using MerchantPortal.Web.Features.ApiKeys;
using Microsoft.AspNetCore.Authorization;

namespace MerchantPortal.Web.Api;

/// <summary>One authorization policy per API scope; API endpoints require exactly one with <see cref="RequireScope"/>.</summary>
public static class ApiScopePolicies
{
    private const string Prefix = "api-scope:";

    public static AuthorizationBuilder AddApiScopePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(Prefix + scope, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyClaims.Scope, scope));
        }

        return authorization;
    }

    /// <summary>Requires an API key carrying <paramref name="scope"/>; cookies never authenticate here.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Prefix + scope).WithMetadata(new ScopeRequirement(scope));

    /// <summary>The scope the current endpoint requires, for the 403 message.</summary>
    public static string? RequiredScope(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ScopeRequirement>()?.Scope;

    private sealed record ScopeRequirement(string Scope);
}
