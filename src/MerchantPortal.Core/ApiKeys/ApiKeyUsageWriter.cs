using MerchantPortal.Data;
using MerchantPortal.Writing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.ApiKeys;

/// <summary>
/// Writes what the <see cref="ApiKeyUsageRecorder"/> counted: one write of the <see cref="WriteQueue"/> per flush
/// (so it never waits on the database's write lock beside the queue), adding to each key's hour row (instances add
/// to the same rows, so nothing is overwritten) and one last-used update per key.
/// </summary>
public sealed class ApiKeyUsageWriter(WriteQueue writes, ApiKeyUsageRecorder recorder)
{
    /// <summary>Writes the usage recorded so far; returns how many key-hours were written.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        var batch = recorder.Take();
        if (batch.IsEmpty)
        {
            return 0;
        }

        try
        {
            await WriteAsync(batch, ct);
            return batch.Counts.Count;
        }
        catch
        {
            // Not a request's problem: keep the counts for the next flush (another instance may have inserted the row first).
            recorder.Return(batch);
            throw;
        }
    }

    private Task WriteAsync(ApiKeyUsageBatch batch, CancellationToken ct) =>
        writes.WriteAsync((db, _, token) => WriteAsync(db, batch, token), _ => true, ct);

    private static async Task<bool> WriteAsync(PortalDb db, ApiKeyUsageBatch batch, CancellationToken ct)
    {
        foreach (var ((keyId, hour), counts) in batch.Counts)
        {
            var added = await db.ApiKeyUsage
                .Where(u => u.KeyId == keyId && u.HourStart == hour)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(u => u.Requests, u => u.Requests + counts.Requests)
                    .SetProperty(u => u.Errors, u => u.Errors + counts.Errors)
                    .SetProperty(u => u.Replays, u => u.Replays + counts.Replays)
                    .SetProperty(u => u.Orders, u => u.Orders + counts.Orders), ct);
            if (added == 0)
            {
                db.ApiKeyUsage.Add(ApiKeyUsage.Start(keyId, hour, counts));
            }
        }

        await db.SaveChangesAsync(ct);
        foreach (var (keyId, use) in batch.LastUse)
        {
            // Only forward: another instance may have written a later use already.
            await db.ApiKeys
                .Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < use.At))
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, use.At).SetProperty(k => k.LastUsedIp, use.Ip), ct);
        }

        return true;
    }
}
