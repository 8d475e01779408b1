using System.Security.Claims;
using MerchantPortal.Auditing;

namespace MerchantPortal.Web.Features.ApiKeys;

/// <summary>How an authenticated API key travels in the request's principal, and back to its <see cref="Actor"/>.</summary>
public static class ApiKeyClaims
{
    public const string KeyId = "mp:api_key_id";
    public const string MerchantId = "mp:merchant_id";
    public const string Scope = "scope";

    public static ClaimsIdentity ToIdentity(Actor key, string scheme)
    {
        List<Claim> claims =
        [
            new(KeyId, key.Id),
            new(ClaimTypes.Name, key.Name),
            new(MerchantId, key.MerchantId!.Value.ToString()),
        ];
        claims.AddRange((key.Scopes ?? new HashSet<string>()).Select(s => new Claim(Scope, s)));
        return new ClaimsIdentity(claims, scheme);
    }

    /// <summary>The key's actor; only valid on requests the API key scheme authenticated.</summary>
    public static Actor ToActor(ClaimsPrincipal principal) => Actor.ApiKey(
        principal.FindFirstValue(KeyId) ?? throw new InvalidOperationException("The request was not authenticated with an API key."),
        principal.Identity?.Name ?? "",
        Guid.Parse(principal.FindFirstValue(MerchantId)!),
        principal.FindAll(Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
}
