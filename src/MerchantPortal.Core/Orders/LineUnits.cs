using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// The conditional updates that hold and release refunded units on order lines. A reservation succeeds only
/// if the line is still as the refund was computed from (same <see cref="OrderLine.Version"/>) and still has
/// the units (<c>delivered + refunded + n ≤ units</c>), so two refunds, or a refund and a delivery, can never
/// over-commit a line — whatever else the order row says.
/// </summary>
internal static class LineUnits
{
    /// <summary>Holds <paramref name="units"/> and their money for a refund; false when the line changed meanwhile.</summary>
    public static async Task<bool> TryReserveAsync(PortalDb db, long lineId, long expectedVersion, int units, long amountMinor, CancellationToken ct) =>
        await db.OrderLines
            .Where(l => l.Id == lineId && l.Version == expectedVersion && l.DeliveredUnits + l.RefundedUnits + units <= l.Units)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.RefundedUnits, l => l.RefundedUnits + units)
                .SetProperty(l => l.RefundedMinor, l => l.RefundedMinor + amountMinor)
                .SetProperty(l => l.Version, l => l.Version + 1), ct) == 1;

    /// <summary>Gives back what a rejected or failed refund held, so the units can be delivered or refunded again.</summary>
    public static async Task ReleaseAsync(PortalDb db, long lineId, int units, long amountMinor, CancellationToken ct)
    {
        var released = await db.OrderLines
            .Where(l => l.Id == lineId && l.RefundedUnits >= units && l.RefundedMinor >= amountMinor)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.RefundedUnits, l => l.RefundedUnits - units)
                .SetProperty(l => l.RefundedMinor, l => l.RefundedMinor - amountMinor)
                .SetProperty(l => l.Version, l => l.Version + 1), ct);
        if (released != 1)
        {
            throw new InvalidOperationException($"Order line {lineId} does not hold {units} refunded unit(s); the books disagree.");
        }
    }
}
