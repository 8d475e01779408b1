using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.ApiKeys;

/// <summary>Builds <see cref="ApiKeySummary"/>s: each key with its successor and its last 24 hours of usage.</summary>
internal static class ApiKeySummaries
{
    public static async Task<IReadOnlyList<ApiKeySummary>> LoadAsync(PortalDb db, IQueryable<ApiKey> keys, DateTime now, CancellationToken ct)
    {
        var loaded = await keys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        if (loaded.Count == 0)
        {
            return [];
        }

        var ids = loaded.Select(k => k.Id).ToList();
        var successors = await db.ApiKeys.AsNoTracking()
            .Where(k => k.ReplacesKeyId != null && ids.Contains(k.ReplacesKeyId.Value))
            .Select(k => new { Old = k.ReplacesKeyId!.Value, New = k.Id, k.CreatedAt })
            .ToListAsync(ct);
        var firstHour = ApiKeyUsageRecorder.HourOf(now).AddHours(1 - ApiKeyRecentUsage.HourCount);
        var usage = await db.ApiKeyUsage.AsNoTracking()
            .Where(u => ids.Contains(u.KeyId) && u.HourStart >= firstHour)
            .ToListAsync(ct);
        var usageByKey = usage.ToLookup(u => u.KeyId);
        var successorByKey = successors.GroupBy(s => s.Old).ToDictionary(g => g.Key, g => g.MaxBy(s => s.CreatedAt)!.New);
        return [.. loaded.Select(key => Summarize(key, successorByKey.TryGetValue(key.Id, out var next) ? next : null,
            Recent(usageByKey[key.Id], firstHour), now))];
    }

    private static ApiKeySummary Summarize(ApiKey key, Guid? replacedBy, ApiKeyRecentUsage usage, DateTime now) => new(
        key.Id, key.MerchantId, key.Name, key.Prefix, key.Mode, key.Scopes, key.AllowedIps, key.CreatedAt, key.CreatedBy, key.ExpiresAt,
        key.RevokedAt, key.RevokedBy, key.ReplacesKeyId, replacedBy, key.LastUsedAt, key.LastUsedIp, StatusOf(key, replacedBy, now), usage);

    private static ApiKeyStatus StatusOf(ApiKey key, Guid? replacedBy, DateTime now) =>
        key.RevokedAt is not null ? ApiKeyStatus.Revoked
        : !key.IsActiveAt(now) ? ApiKeyStatus.Expired
        : replacedBy is not null && key.ExpiresAt is not null ? ApiKeyStatus.Expiring
        : ApiKeyStatus.Active;

    private static ApiKeyRecentUsage Recent(IEnumerable<ApiKeyUsage> rows, DateTime firstHour)
    {
        var byHour = rows.ToDictionary(u => u.HourStart);
        var hours = Enumerable.Range(0, ApiKeyRecentUsage.HourCount)
            .Select(i => firstHour.AddHours(i))
            .Select(hour => byHour.TryGetValue(hour, out var u) ? new ApiKeyHour(hour, u.Requests, u.Errors) : new ApiKeyHour(hour, 0, 0))
            .ToList();
        var totals = byHour.Values.Aggregate(ApiKeyUsageCounts.None,
            (sum, u) => sum.Add(new ApiKeyUsageCounts(u.Requests, u.Errors, u.Replays, u.Orders)));
        return new ApiKeyRecentUsage(totals, hours);
    }
}
