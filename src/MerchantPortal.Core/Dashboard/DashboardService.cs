using MerchantPortal.Auditing;
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

    public async Task<DashboardFigures> GetAsync(Actor actor, int days = 30, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        var from = today.AddDays(1 - days);
        var orders = db.Orders.AsNoTracking().Where(o => actor.MerchantId == null || o.MerchantId == actor.MerchantId);

        var daily = await orders
            .Where(o => o.CreatedAt >= from)
            .GroupBy(o => new { Day = o.CreatedAt.Date, o.Currency })
            .Select(g => new
            {
                g.Key.Day,
                g.Key.Currency,
                Orders = g.Count(),
                Revenue = g.Where(o => o.PaymentStatus != PaymentStatus.Unpaid && o.PaymentStatus != PaymentStatus.Failed
                        && o.PaymentStatus != PaymentStatus.RequiresAction)
                    .Sum(o => o.TotalMinor - o.RefundedMinor),
            })
            .ToListAsync(ct);

        // Money that went back, on the day it went back (not the day its order was placed).
        var refunded = await db.Refunds.AsNoTracking()
            .Where(r => actor.MerchantId == null || r.MerchantId == actor.MerchantId)
            .Where(r => r.Status == RefundStatus.Succeeded && r.CompletedAt >= from)
            .GroupBy(r => new { Day = r.CompletedAt!.Value.Date, r.Currency })
            .Select(g => new { g.Key.Day, g.Key.Currency, Refunds = g.Count(), Amount = g.Sum(r => r.AmountMinor) })
            .ToListAsync(ct);

        var series = Enumerable.Range(0, days)
            .Select(offset => from.AddDays(offset))
            .Select(day => new DailyFigures(
                DateOnly.FromDateTime(day),
                daily.Where(d => d.Day == day).Sum(d => d.Orders),
                daily.Where(d => d.Day == day).GroupBy(d => d.Currency).ToDictionary(g => g.Key, g => g.Sum(d => d.Revenue)),
                refunded.Where(r => r.Day == day).Sum(r => r.Refunds),
                refunded.Where(r => r.Day == day).GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount))))
            .ToList();

        var needingAttention = NeedingAttention(orders, now - StuckAfter);
        var attentionCount = await needingAttention.CountAsync(ct);
        var attention = await needingAttention
            .OrderByDescending(o => o.Number)
            .Take(10)
            .Select(o => new AttentionOrder(o.Id, o.Number, o.Status, o.Currency, o.TotalMinor,
                o.Lines.Sum(l => l.Units - l.DeliveredUnits - l.RefundedUnits), o.ErrorCode, o.CreatedAt))
            .ToListAsync(ct);

        return new DashboardFigures(series[^1], series, attention, attentionCount);
    }

    /// <summary>
    /// Paid orders that ended with units neither delivered nor refunded, and orders stuck before fulfilment.
    /// The status list is inlined (<see cref="EF.Constant{T}"/>) so that it matches the partial index on these statuses.
    /// </summary>
    internal static IQueryable<Order> NeedingAttention(IQueryable<Order> orders, DateTime stuckBefore) => orders
        .Where(o => EF.Constant(OrderStatusExtensions.NeedingAttention).Contains(o.Status))
        .Where(o => ((o.Status == OrderStatus.Partial || o.Status == OrderStatus.Failed)
                && o.PaymentStatus == PaymentStatus.Paid
                && o.Lines.Any(l => l.Units - l.DeliveredUnits - l.RefundedUnits > 0))
            || (o.Status == OrderStatus.Processing && o.UpdatedAt < stuckBefore)
            || (o.Status == OrderStatus.Pending && o.UpdatedAt < stuckBefore));
}

/// <summary>The dashboard: today, the daily series, and the newest orders needing attention out of <see cref="NeedsAttentionCount"/>.</summary>
public sealed record DashboardFigures(
    DailyFigures Today, IReadOnlyList<DailyFigures> Days, IReadOnlyList<AttentionOrder> NeedsAttention, int NeedsAttentionCount)
{
    /// <summary>Refunds that succeeded over the whole series.</summary>
    public int Refunds => Days.Sum(d => d.Refunds);

    /// <summary>Money refunded over the whole series, per currency in minor units.</summary>
    public IReadOnlyDictionary<string, long> Refunded => Days
        .SelectMany(d => d.Refunded)
        .GroupBy(r => r.Key)
        .ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
}

/// <summary>
/// One day: orders placed, revenue (paid totals less refunds) per currency in minor units, and the refunds that
/// succeeded that day with the money they returned, per currency in minor units.
/// </summary>
public sealed record DailyFigures(
    DateOnly Day, int Orders, IReadOnlyDictionary<string, long> Revenue, int Refunds, IReadOnlyDictionary<string, long> Refunded);

/// <summary>An order with undelivered, unrefunded units, or stuck in processing.</summary>
public sealed record AttentionOrder(
    Guid Id, long Number, OrderStatus Status, string Currency, long TotalMinor, int UndeliveredUnits, string? ErrorCode, DateTime CreatedAt)
{
    public string Reference => Order.FormatReference(Number);
}
