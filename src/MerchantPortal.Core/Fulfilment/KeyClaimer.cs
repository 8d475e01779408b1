using MerchantPortal.Catalog;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Fulfilment;

/// <summary>
/// Takes codes from a key item's inventory for an order line with conditional updates: a code moves
/// from available to delivered only if it is still available, so concurrent orders never share a code.
/// </summary>
internal static class KeyClaimer
{
    /// <summary>
    /// Claims up to <paramref name="wanted"/> more codes for the line, which has <paramref name="delivered"/> already;
    /// returns the line's delivered total. Codes are only ever taken here, in the write that records them delivered,
    /// so the line's count and its codes agree.
    /// </summary>
    public static async Task<int> ClaimAsync(PortalDb db, long itemId, long lineId, int delivered, int wanted, DateTime now, CancellationToken ct)
    {
        var remaining = wanted;
        while (remaining > 0)
        {
            var candidates = await db.KeyCodes
                .Where(c => c.ItemId == itemId && c.Status == KeyCodeStatus.Available)
                .OrderBy(c => c.Id)
                .Select(c => c.Id)
                .Take(remaining)
                .ToListAsync(ct);
            if (candidates.Count == 0)
            {
                break;
            }

            remaining -= await db.KeyCodes
                .Where(c => candidates.Contains(c.Id) && c.Status == KeyCodeStatus.Available)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Status, KeyCodeStatus.Delivered)
                    .SetProperty(c => c.OrderLineId, lineId)
                    .SetProperty(c => c.DeliveredAt, now), ct);
        }

        return delivered + wanted - remaining;
    }
}
