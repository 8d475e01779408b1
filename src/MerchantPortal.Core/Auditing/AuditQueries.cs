using MerchantPortal.Common;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Auditing;

/// <summary>Searches the audit log, newest first.</summary>
public sealed class AuditQueries(IDbContextFactory<PortalDb> dbs)
{
    public async Task<Page<AuditRow>> SearchAsync(AuditQuery query, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Area))
        {
            var prefix = query.Area.Trim() + ".";
            entries = entries.Where(e => e.Action.StartsWith(prefix));
        }

        if (query.MerchantId is { } merchantId)
        {
            entries = entries.Where(e => e.MerchantId == merchantId);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.OccurredAt < to);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Like.Contains(query.Search);
            entries = entries.Where(e => EF.Functions.Like(e.Details, pattern, Like.EscapeCharacter)
                || EF.Functions.Like(e.ActorName, pattern, Like.EscapeCharacter)
                || EF.Functions.Like(e.TargetId, pattern, Like.EscapeCharacter));
        }

        var total = await entries.CountAsync(ct);
        var rows = await entries.OrderByDescending(e => e.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(e => new AuditRow(e.Id, e.OccurredAt, e.ActorKind, e.ActorName, e.Action, e.TargetType, e.TargetId, e.Details,
                e.MerchantId, db.Merchants.Where(m => m.Id == e.MerchantId).Select(m => m.Name).FirstOrDefault()))
            .ToListAsync(ct);
        return new Page<AuditRow>(rows, total);
    }
}

/// <summary>Filters for the audit log. <see cref="Area"/> is the action's first part, e.g. <c>user</c> or <c>balance</c>.</summary>
public sealed record AuditQuery(
    string? Search = null, string? Area = null, Guid? MerchantId = null, DateTime? From = null, DateTime? To = null, int Page = 0, int PageSize = 50);

public sealed record AuditRow(
    long Id, DateTime OccurredAt, ActorKind ActorKind, string ActorName, string Action, string TargetType, string TargetId,
    string Details, Guid? MerchantId, string? MerchantName);
