using System.Net;
using System.Security.Cryptography;
using System.Text;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.ApiKeys;

/// <summary>
/// Turns the secret a caller presents into the <see cref="Actor"/> of its key, or says why it cannot:
/// a malformed or mistyped key is refused before any database look-up.
/// </summary>
public sealed class ApiKeyAuthenticator(IDbContextFactory<PortalDb> dbs, TimeProvider clock)
{
    public async Task<Result<Actor>> AuthenticateAsync(string? presented, IPAddress? remoteAddress, CancellationToken ct = default)
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
        await using var db = await dbs.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == hash, ct);
        // The look-up is by hash, so timing reveals nothing about the secret; compare anyway in constant time.
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.SecretHash), Encoding.ASCII.GetBytes(hash)))
        {
            return ApiKeyErrors.Unknown;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (key.RevokedAt is not null)
        {
            return ApiKeyErrors.Revoked;
        }

        if (key.ExpiresAt is { } expires && expires <= now)
        {
            return ApiKeyErrors.Expired;
        }

        if (!IsAllowedFrom(key, remoteAddress))
        {
            return ApiKeyErrors.AddressNotAllowed;
        }

        return Actor.ApiKey(key.Id.ToString(), key.Name, key.MerchantId, key.Scopes.ToHashSet(StringComparer.Ordinal));
    }

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
