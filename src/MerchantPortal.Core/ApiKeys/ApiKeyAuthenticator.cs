using System.Net;
using System.Security.Cryptography;
using System.Text;
using MerchantPortal.Auditing;
using MerchantPortal.Caching;
using MerchantPortal.Common;

namespace MerchantPortal.ApiKeys;

/// <summary>
/// Turns the secret a caller presents into the <see cref="Actor"/> of its key, or says why it cannot:
/// a malformed or mistyped key is refused before any look-up. Keys come from the <see cref="ReferenceCache"/>, so a
/// known key costs no database query. A revocation or roll takes effect at once on the instance that made it and
/// within about one change feed poll interval (<see cref="Changes.ChangeFeedOptions.PollInterval"/>) on the others; expiry
/// is checked against the clock on every call. Refusing an existing key is audited (throttled by <see cref="ApiKeyRefusals"/>).
/// </summary>
public sealed class ApiKeyAuthenticator(ReferenceCache cache, ApiKeyRefusals refusals, TimeProvider clock)
{
    /// <summary>The key's actor, or a 401 error; <paramref name="path"/> is the called path, for the audit of a refusal.</summary>
    public async Task<Result<Actor>> AuthenticateAsync(string? presented, IPAddress? remoteAddress, string path, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return ApiKeyErrors.Missing;
        }

        if (!ApiKeySecret.IsWellFormed(presented))
        {
            return ApiKeySecret.HasKeyShape(presented) ? ApiKeyErrors.BadChecksum : ApiKeyErrors.Malformed;
        }

        var hash = ApiKeySecret.Hash(presented);
        var key = await cache.GetApiKeyAsync(hash, ct);
        // The look-up is by hash, so timing reveals nothing about the secret; compare anyway in constant time.
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.SecretHash), Encoding.ASCII.GetBytes(hash)))
        {
            return ApiKeyErrors.Unknown;
        }

        var actor = Actor.ApiKey(key.Id.ToString(), key.Name, key.MerchantId, key.Scopes.ToHashSet(StringComparer.Ordinal));
        var refusal = Refusal(key, remoteAddress, clock.GetUtcNow().UtcDateTime);
        if (refusal is null)
        {
            return actor;
        }

        await refusals.RecordAsync(actor, refusal.Value.Reason, path, ct);
        return refusal.Value.Error;
    }

    private static (Error Error, string Reason)? Refusal(ApiKey key, IPAddress? remoteAddress, DateTime now) =>
        key.RevokedAt is not null ? (ApiKeyErrors.Revoked, "the key is revoked")
        : key.ExpiresAt is { } expires && expires <= now ? (ApiKeyErrors.Expired, "the key has expired")
        : !IsAllowedFrom(key, remoteAddress) ? (ApiKeyErrors.AddressNotAllowed, "the caller's IP address is not on the key's allow list")
        : null;

    private static bool IsAllowedFrom(ApiKey key, IPAddress? address)
    {
        if (key.AllowedIps.Count == 0)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return key.AllowedIps.Any(allowed => IPNetwork.TryParse(allowed, out var network)
            ? network.Contains(candidate)
            : IPAddress.TryParse(allowed, out var single) && single.Equals(candidate));
    }
}
