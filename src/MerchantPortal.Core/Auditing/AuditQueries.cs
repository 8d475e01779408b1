using System.Globalization;
using MerchantPortal.Common;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Auditing;

/// <summary>Searches and exports the audit log, newest first.</summary>
public sealed class AuditQueries(IDbContextFactory<PortalDb> dbs)
{
    /// <summary>The most entries one export holds; narrow the filters for more.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<Page<AuditRow>> SearchAsync(AuditQuery query, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var entries = Filter(db, query);
        var total = await entries.CountAsync(ct);
        var rows = await Project(db, entries.OrderByDescending(e => e.Id).Skip(query.Page * query.PageSize).Take(query.PageSize))
            .ToListAsync(ct);
        return new Page<AuditRow>(await WithSubjectsAsync(db, rows, ct), total);
    }

    /// <summary>Every entry the filters select (up to <see cref="MaxExportRows"/>), newest first, read in pages.</summary>
    public async IAsyncEnumerable<AuditRow> StreamAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        const int batch = 500;
        long? before = null;
        var sent = 0;
        while (sent < MaxExportRows)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var entries = Filter(db, query);
            if (before is { } last)
            {
                entries = entries.Where(e => e.Id < last);
            }

            var rows = await Project(db, entries.OrderByDescending(e => e.Id).Take(Math.Min(batch, MaxExportRows - sent))).ToListAsync(ct);
            foreach (var row in await WithSubjectsAsync(db, rows, ct))
            {
                yield return row;
            }

            if (rows.Count < batch)
            {
                yield break;
            }

            sent += rows.Count;
            before = rows[^1].Id;
        }
    }

    private static IQueryable<AuditEntry> Filter(PortalDb db, AuditQuery query)
    {
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

        return entries;
    }

    private static IQueryable<AuditRow> Project(PortalDb db, IQueryable<AuditEntry> entries) =>
        entries.Select(e => new AuditRow(e.Id, e.OccurredAt, e.ActorKind, e.ActorName, e.Action, e.TargetType, e.TargetId, e.Details,
            e.MerchantId, db.Merchants.Where(m => m.Id == e.MerchantId).Select(m => m.Name).FirstOrDefault(), e.Changes));

    /// <summary>Finds the order of refund entries and the item of code entries, so each row can link to what it is about.</summary>
    private static async Task<IReadOnlyList<AuditRow>> WithSubjectsAsync(PortalDb db, List<AuditRow> rows, CancellationToken ct)
    {
        var refundIds = rows.Where(r => r.TargetType == "refund").Select(r => Guid.TryParse(r.TargetId, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct().ToList();
        var codeIds = rows.Where(r => r.TargetType == "key_code")
            .Select(r => long.TryParse(r.TargetId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();
        var orderOfRefund = refundIds.Count == 0 ? [] : await db.Refunds.AsNoTracking()
            .Where(r => refundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id.ToString(), r => r.OrderId, ct);
        var itemOfCode = codeIds.Count == 0 ? [] : await db.KeyCodes.AsNoTracking()
            .Where(c => codeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id.ToString(CultureInfo.InvariantCulture), c => c.ItemId, ct);
        return [.. rows.Select(r => r with
        {
            OrderId = r.TargetType switch
            {
                "order" => Guid.TryParse(r.TargetId, out var id) ? id : null,
                "refund" => orderOfRefund.TryGetValue(r.TargetId, out var order) ? order : null,
                _ => null,
            },
            ItemId = r.TargetType switch
            {
                "catalog_item" => long.TryParse(r.TargetId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
                "key_code" => itemOfCode.TryGetValue(r.TargetId, out var item) ? item : null,
                _ => null,
            },
        })];
    }
}

/// <summary>Filters for the audit log. <see cref="Area"/> is the action's first part, e.g. <c>user</c> or <c>balance</c>.</summary>
public sealed record AuditQuery(
    string? Search = null, string? Area = null, Guid? MerchantId = null, DateTime? From = null, DateTime? To = null, int Page = 0, int PageSize = 50);

/// <summary>
/// One audit entry as the log shows it: its changes before and after, and the order (of an order or refund entry) or
/// catalog item (of an item or code entry) it is about.
/// </summary>
public sealed record AuditRow(
    long Id, DateTime OccurredAt, ActorKind ActorKind, string ActorName, string Action, string TargetType, string TargetId,
    string Details, Guid? MerchantId, string? MerchantName, IReadOnlyList<AuditChange>? Changes = null)
{
    public Guid? OrderId { get; init; }

    public long? ItemId { get; init; }
}
