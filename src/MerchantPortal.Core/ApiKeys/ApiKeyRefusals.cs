using System.Collections.Concurrent;
using MerchantPortal.Auditing;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.ApiKeys;

/// <summary>
/// Audits calls refused for an existing key (revoked, expired, wrong address, missing scope), at most one row per
/// key and reason every <see cref="ApiKeyOptions.RefusedAuditInterval"/>: a client hammering with a revoked key
/// must not turn into one database write per request. The throttle is per instance, which is enough to bound the writes.
/// </summary>
public sealed class ApiKeyRefusals(
    IDbContextFactory<PortalDb> dbs, AuditTrail audit, IOptions<ApiKeyOptions> options, TimeProvider clock, ILogger<ApiKeyRefusals> logger)
{
    private readonly ConcurrentDictionary<(string KeyId, string Reason), DateTime> _lastWritten = new();

    /// <summary>Records that <paramref name="key"/> was refused a call to <paramref name="path"/>; returns whether a row was written.</summary>
    public async Task<bool> RecordAsync(Actor key, string reason, string path, CancellationToken ct = default)
    {
        if (!TryClaim((key.Id, reason)))
        {
            return false;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        audit.Record(db, key, AuditActions.ApiKeyRefused, "api_key", key.Id,
            $"Refused a call to {path}: {reason}. Further refusals for this reason within {options.Value.RefusedAuditInterval.TotalMinutes:0.#} min are not recorded.",
            key.MerchantId);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e)
        {
            // The call is refused either way; a busy database must not turn the 401 or 403 into a 500.
            logger.LogWarning(e, "Could not audit a refused call with API key {KeyId} to {Path}: {Reason}.", key.Id, path, reason);
            return false;
        }
    }

    private bool TryClaim((string KeyId, string Reason) slot)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        while (true)
        {
            if (!_lastWritten.TryGetValue(slot, out var last))
            {
                if (_lastWritten.TryAdd(slot, now))
                {
                    return true;
                }
            }
            else if (now - last < options.Value.RefusedAuditInterval)
            {
                return false;
            }
            else if (_lastWritten.TryUpdate(slot, now, last))
            {
                return true;
            }
        }
    }
}
