using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Dashboard;

/// <summary>
/// The dashboard's figures: today's orders, revenue and refunds, a daily series over the last days, and the
/// orders that need someone's attention. Merchant users see their merchant only.
/// </summary>
public sealed class DashboardService(IDbContextFactory<PortalDb> dbs, TimeProvider clock)
{
    /// <summary>How long an order may stay in processing before it counts as stuck.</summary>
    public static TimeSpan StuckAfter { get; } = TimeSpan.FromMinutes(15);

    /// <summary>How many of the newest orders needing attention the dashboard lists.</summary>
    private const int AttentionShown = 10;

    /// <summary>The last <paramref name="days"/> days in UTC, compared with the days before them.</summary>
    public async Task<DashboardFigures> GetAsync(Actor actor, int days = 30, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (await GetAsync(actor, DashboardPeriod.LastDays(today, days), TimeZoneInfo.Utc, ct)).Value;
    }

    /// <summary>
    /// Today and the period's days in the viewer's <paramref name="zone"/>, the previous period of the same length for
    /// comparison, and the orders needing attention. Figures are summed per UTC hour in the database and each hour is
    /// placed on the viewer's day, so a zone whose offset is not whole hours moves at most half an hour between days.
    /// </summary>
    public async Task<Result<DashboardFigures>> GetAsync(Actor actor, DashboardPeriod period, TimeZoneInfo zone, CancellationToken ct = default)
    {
        if (DashboardPeriod.Validate(period) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var first = new[] { period.Previous.From, today }.Min();
        var last = new[] { period.To, today }.Max();
        var fromUtc = LocalDays.StartOfDayUtc(first, zone);
        var toUtc = LocalDays.StartOfDayUtc(last.AddDays(1), zone);
        var orders = db.Orders.AsNoTracking().Where(o => actor.MerchantId == null || o.MerchantId == actor.MerchantId);

        var placed = await orders
            .Where(o => o.CreatedAt >= fromUtc && o.CreatedAt < toUtc)
            .GroupBy(o => new { o.CreatedAt.Year, o.CreatedAt.Month, o.CreatedAt.Day, o.CreatedAt.Hour, o.Currency })
            .Select(g => new
            {
                g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, g.Key.Currency,
                Orders = g.Count(),
                Revenue = g.Where(o => o.PaymentStatus != PaymentStatus.Unpaid && o.PaymentStatus != PaymentStatus.Failed
                        && o.PaymentStatus != PaymentStatus.RequiresAction)
                    .Sum(o => o.TotalMinor - o.RefundedMinor),
            })
            .ToListAsync(ct);

        // Money that went back, on the day it went back (not the day its order was placed).
        var refunded = await db.Refunds.AsNoTracking()
            .Where(r => actor.MerchantId == null || r.MerchantId == actor.MerchantId)
            .Where(r => r.Status == RefundStatus.Succeeded && r.CompletedAt >= fromUtc && r.CompletedAt < toUtc)
            .GroupBy(r => new { r.CompletedAt!.Value.Year, r.CompletedAt!.Value.Month, r.CompletedAt!.Value.Day, r.CompletedAt!.Value.Hour, r.Currency })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, g.Key.Currency, Refunds = g.Count(), Amount = g.Sum(r => r.AmountMinor) })
            .ToListAsync(ct);

        var placedByDay = placed.ToLookup(p => LocalDay(new DateTime(p.Year, p.Month, p.Day, p.Hour, 0, 0, DateTimeKind.Utc), zone));
        var refundedByDay = refunded.ToLookup(r => LocalDay(new DateTime(r.Year, r.Month, r.Day, r.Hour, 0, 0, DateTimeKind.Utc), zone));
        DailyFigures Day(DateOnly day) => new(
            day,
            placedByDay[day].Sum(p => p.Orders),
            placedByDay[day].GroupBy(p => p.Currency).ToDictionary(g => g.Key, g => g.Sum(p => p.Revenue)),
            refundedByDay[day].Sum(r => r.Refunds),
            refundedByDay[day].GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount)));
        IReadOnlyList<DailyFigures> Series(DashboardPeriod of) => [.. Enumerable.Range(0, of.Days).Select(i => Day(of.From.AddDays(i)))];

        // Status by status, each from its (Status, Number) index newest first: the few orders of each, then merged.
        var (attentionCount, attention) = (0, new List<AttentionOrder>());
        foreach (var status in OrderStatusExtensions.NeedingAttention)
        {
            var ofStatus = NeedingAttention(orders, status, now - StuckAfter);
            // Counted in number order up to the cap, as the grid counts: SQLite then reads the status index. Unordered,
            // it plans from the status's average share (no STAT4 histograms) and may scan every order for a rare status.
            attentionCount += await ofStatus.OrderByDescending(o => o.Number).Take(OrderCount.Cap + 1).CountAsync(ct);
            attention.AddRange(await ofStatus
                .OrderByDescending(o => o.Number)
                .Take(AttentionShown)
                .Select(o => new AttentionOrder(o.Id, o.Number, o.Status, o.Currency, o.TotalMinor,
                    o.Lines.Sum(l => l.Units - l.DeliveredUnits - l.RefundedUnits), o.ErrorCode, o.CreatedAt,
                    db.Merchants.Where(m => m.Id == o.MerchantId).Select(m => m.Name).FirstOrDefault()))
                .ToListAsync(ct));
        }

        attention = [.. attention.OrderByDescending(o => o.Number).Take(AttentionShown)];
        return new DashboardFigures(Day(today), Series(period), attention, OrderCount.Of(attentionCount))
        {
            Period = period,
            PreviousDays = Series(period.Previous),
        };
    }

    private static DateOnly LocalDay(DateTime utcHour, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utcHour, zone));

    /// <summary>
    /// The orders of one status needing attention: paid partial or failed orders with units neither delivered nor
    /// refunded, and pending or processing orders stuck before fulfilment.
    /// </summary>
    internal static IQueryable<Order> NeedingAttention(IQueryable<Order> orders, OrderStatus status, DateTime stuckBefore) =>
        status is OrderStatus.Partial or OrderStatus.Failed
            ? orders.Where(o => o.Status == status && o.PaymentStatus == PaymentStatus.Paid
                && o.Lines.Any(l => l.Units - l.DeliveredUnits - l.RefundedUnits > 0))
            : orders.Where(o => o.Status == status && o.UpdatedAt < stuckBefore);
}

/// <summary>
/// The dashboard: today, the period's daily series and the previous period's for comparison, and the newest orders
/// needing attention out of <see cref="NeedsAttentionCount"/>.
/// </summary>
public sealed record DashboardFigures(
    DailyFigures Today, IReadOnlyList<DailyFigures> Days, IReadOnlyList<AttentionOrder> NeedsAttention, OrderCount NeedsAttentionCount)
{
    public DashboardPeriod? Period { get; init; }

    /// <summary>The same number of days just before the period, day by day.</summary>
    public IReadOnlyList<DailyFigures> PreviousDays { get; init; } = [];

    public PeriodTotals Totals => PeriodTotals.Of(Days);

    public PeriodTotals PreviousTotals => PeriodTotals.Of(PreviousDays);

    /// <summary>Refunds that succeeded over the period.</summary>
    public int Refunds => Totals.Refunds;

    /// <summary>Money refunded over the period, per currency in minor units.</summary>
    public IReadOnlyDictionary<string, long> Refunded => Totals.Refunded;
}

/// <summary>
/// One day: orders placed, revenue (paid totals less refunds) per currency in minor units, and the refunds that
/// succeeded that day with the money they returned, per currency in minor units.
/// </summary>
public sealed record DailyFigures(
    DateOnly Day, int Orders, IReadOnlyDictionary<string, long> Revenue, int Refunds, IReadOnlyDictionary<string, long> Refunded);

/// <summary>Sums over a run of days: orders, revenue and refunds, money per currency in minor units.</summary>
public sealed record PeriodTotals(int Orders, IReadOnlyDictionary<string, long> Revenue, int Refunds, IReadOnlyDictionary<string, long> Refunded)
{
    public static PeriodTotals Of(IReadOnlyList<DailyFigures> days) => new(
        days.Sum(d => d.Orders),
        Sum(days.Select(d => d.Revenue)),
        days.Sum(d => d.Refunds),
        Sum(days.Select(d => d.Refunded)));

    private static Dictionary<string, long> Sum(IEnumerable<IReadOnlyDictionary<string, long>> amounts) => amounts
        .SelectMany(a => a)
        .GroupBy(a => a.Key)
        .ToDictionary(g => g.Key, g => g.Sum(a => a.Value));
}

/// <summary>An order with undelivered, unrefunded units, or stuck in processing; staff also see its merchant.</summary>
public sealed record AttentionOrder(
    Guid Id, long Number, OrderStatus Status, string Currency, long TotalMinor, int UndeliveredUnits, string? ErrorCode, DateTime CreatedAt,
    string? MerchantName = null)
{
    public string Reference => Order.FormatReference(Number);
}
