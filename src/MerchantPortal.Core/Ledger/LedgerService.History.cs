using System.Runtime.CompilerServices;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Identity;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Ledger;

/// <summary>The ledger's history: filtered pages for the balance page and a stream for the CSV export.</summary>
public sealed partial class LedgerService
{
    /// <summary>
    /// The entries the filter selects, newest first. Every invalid filter value is reported at once, each at its
    /// field; an actor who may not see the merchant gets an empty page.
    /// </summary>
    public async Task<Result<Page<LedgerRow>>> SearchAsync(LedgerQuery query, Actor actor, CancellationToken ct = default)
    {
        if (LedgerQuery.Validate(query) is { } invalid)
        {
            return invalid;
        }

        if (!actor.MaySee(query.MerchantId))
        {
            return new Page<LedgerRow>([], 0);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var entries = Filter(db, query);
        var total = await entries.CountAsync(ct);
        var rows = await Rows(entries.OrderByDescending(e => e.Id).Skip(query.Page * query.PageSize).Take(query.PageSize)).ToListAsync(ct);
        return new Page<LedgerRow>(rows, total);
    }

    /// <summary>Every entry the (valid) filter selects, newest first, read row by row for the CSV export.</summary>
    public async IAsyncEnumerable<LedgerRow> StreamAsync(LedgerQuery query, Actor actor, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (LedgerQuery.Validate(query) is not null || !actor.MaySee(query.MerchantId))
        {
            yield break;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await foreach (var row in Rows(Filter(db, query).OrderByDescending(e => e.Id)).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    private static IQueryable<LedgerEntry> Filter(PortalDb db, LedgerQuery query)
    {
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.MerchantId == query.MerchantId);
        if (query.From is { } from)
        {
            entries = entries.Where(e => e.CreatedAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.CreatedAt < to);
        }

        entries = query.Kind switch
        {
            LedgerKindFilter.Credits => entries.Where(e => e.AmountMinor > 0),
            LedgerKindFilter.Debits => entries.Where(e => e.AmountMinor < 0),
            LedgerKindFilter.TopUps => entries.Where(e => e.Kind == LedgerEntryKind.TopUp),
            LedgerKindFilter.Adjustments => entries.Where(e => e.Kind == LedgerEntryKind.Adjustment),
            LedgerKindFilter.Orders => entries.Where(e => e.Kind == LedgerEntryKind.OrderCharge),
            LedgerKindFilter.Refunds => entries.Where(e => e.Kind == LedgerEntryKind.Refund),
            _ => entries,
        };

        if (query.Text?.Trim() is { Length: > 0 } text)
        {
            // The reason of an adjustment, or the order reference in an order's or refund's description.
            var pattern = "%" + Like.Escape(text) + "%";
            entries = entries.Where(e => EF.Functions.Like(e.Description, pattern, Like.EscapeCharacter));
        }

        return entries;
    }

    private static IQueryable<LedgerRow> Rows(IQueryable<LedgerEntry> entries) =>
        entries.Select(e => new LedgerRow(e.Id, e.CreatedAt, e.Kind, e.AmountMinor, e.Currency, e.BalanceAfterMinor, e.Description, e.OrderId, e.ActorName));
}

/// <summary>Which entries the ledger shows: by direction (credits, debits) or by what caused them.</summary>
public enum LedgerKindFilter
{
    All,
    Credits,
    Debits,
    TopUps,
    Adjustments,
    Orders,
    Refunds,
}

/// <summary>
/// A filter of one merchant's ledger: entries from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive),
/// UTC; of a kind; whose description (reason, order reference) contains <see cref="Text"/>.
/// </summary>
public sealed record LedgerQuery(
    Guid MerchantId, DateTime? From = null, DateTime? To = null, LedgerKindFilter Kind = LedgerKindFilter.All, string? Text = null,
    int Page = 0, int PageSize = 25)
{
    /// <summary>The longest search text; the balance page's counter uses it too.</summary>
    public const int MaxTextLength = 100;

    public const int MaxPageSize = 100;

    /// <summary>Every problem with the filter, each at its field; null when it is valid.</summary>
    public static Error? Validate(LedgerQuery query)
    {
        var errors = new List<Error>();
        if (query.From is { } from && query.To is { } to && to <= from)
        {
            errors.Add(LedgerErrors.DateRangeInvalid);
        }

        if (!Enum.IsDefined(query.Kind))
        {
            errors.Add(LedgerErrors.KindInvalid);
        }

        if (query.Text is { } text && text.Trim().Length > MaxTextLength)
        {
            errors.Add(LedgerErrors.SearchTooLong);
        }

        if (query.Page < 0 || query.PageSize is < 1 or > MaxPageSize)
        {
            errors.Add(LedgerErrors.PageInvalid);
        }

        return Error.Combine(errors);
    }
}
