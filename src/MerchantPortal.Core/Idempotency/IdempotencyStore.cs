using System.Security.Cryptography;
using System.Text;
using MerchantPortal.Common;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Idempotency;

/// <summary>
/// Remembers which requests a merchant sent with an <c>Idempotency-Key</c> (Stripe's semantics) for operations
/// that have no key of their own, such as cancelling an order. <see cref="BeginAsync"/> claims the key with one
/// insert (the primary key makes two concurrent requests race for it: one wins, the other is told the key is in
/// progress); <see cref="CompleteAsync"/> records the outcome; <see cref="ReleaseAsync"/> forgets a request that
/// failed, so a corrected retry with the same key is processed afresh. Records are kept for
/// <see cref="Retention"/> and pruned by later writes.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<PortalDb> dbs, IOptions<IdempotencyOptions> options, TimeProvider clock)
{
    /// <summary>How long a key is remembered.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A stable fingerprint of an operation and its canonical body.</summary>
    public static string Fingerprint(string operation, string canonicalBody) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + canonicalBody)));

    /// <summary>
    /// Claims the key for this request (null record: go ahead), or returns the earlier completed request with
    /// the same fingerprint (a replay), or refuses: a different request under the key, or one still running.
    /// </summary>
    public async Task<Result<IdempotencyRecord?>> BeginAsync(Guid merchantId, string key, string requestHash, CancellationToken ct = default)
    {
        if (key.Length > IdempotencyErrors.MaxKeyLength)
        {
            return IdempotencyErrors.KeyTooLong;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.MerchantId == merchantId && r.CreatedAt < now - Retention).ExecuteDeleteAsync(ct);
        await db.IdempotencyRecords
            .Where(r => r.MerchantId == merchantId && r.Key == key && r.State == IdempotencyState.InProgress && r.CreatedAt < now - options.Value.AbandonedAfter)
            .ExecuteDeleteAsync(ct);

        db.IdempotencyRecords.Add(IdempotencyRecord.Start(merchantId, key, requestHash, now));
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<IdempotencyRecord?>.From(null);
        }
        catch (DbUpdateException)
        {
            // The key is taken: by an earlier request, or one running right now.
        }

        await using var again = await dbs.CreateDbContextAsync(ct);
        var earlier = await again.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.MerchantId == merchantId && r.Key == key, ct);
        return earlier switch
        {
            null => IdempotencyErrors.InProgress,
            _ when earlier.RequestHash != requestHash => IdempotencyErrors.KeyConflict,
            { State: IdempotencyState.InProgress } => IdempotencyErrors.InProgress,
            _ => earlier,
        };
    }

    /// <summary>Records the answer of the request that claimed the key, for its replays.</summary>
    public async Task CompleteAsync(Guid merchantId, string key, int statusCode, string resourceType, string resourceId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.MerchantId == merchantId && r.Key == key && r.State == IdempotencyState.InProgress)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.State, IdempotencyState.Done)
                .SetProperty(r => r.StatusCode, statusCode)
                .SetProperty(r => r.ResourceType, resourceType)
                .SetProperty(r => r.ResourceId, resourceId)
                .SetProperty(r => r.CompletedAt, now), ct);
    }

    /// <summary>Forgets a claimed key whose request failed, so the key can be used again.</summary>
    public async Task ReleaseAsync(Guid merchantId, string key, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.MerchantId == merchantId && r.Key == key && r.State == IdempotencyState.InProgress)
            .ExecuteDeleteAsync(ct);
    }
}
