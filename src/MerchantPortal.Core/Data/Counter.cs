using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Data;

/// <summary>A named sequence (SQLite has none): the next value is one conditional update inside the caller's transaction.</summary>
public sealed class Counter
{
    public const string OrderNumbers = "order_number";
    public const string RefundNumbers = "refund_number";

    private Counter()
    {
    }

    public string Name { get; private set; } = "";

    public long Value { get; private set; }

    internal static Counter Seed(string name) => new() { Name = name };

    /// <summary>Takes the next value; the caller's transaction keeps it unique until commit.</summary>
    internal static async Task<long> NextAsync(PortalDb db, string name, CancellationToken ct)
    {
        var updated = await db.Counters.Where(c => c.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, c => c.Value + 1), ct);
        if (updated != 1)
        {
            throw new InvalidOperationException($"The counter '{name}' is missing; the database is not migrated.");
        }

        return await db.Counters.Where(c => c.Name == name).Select(c => c.Value).SingleAsync(ct);
    }

    /// <summary>
    /// The current value, with the row locked by a no-op update until the caller's transaction ends, so no other
    /// writer (another instance, on SQL Server) takes values meanwhile; <see cref="SetAsync"/> stores the last taken.
    /// </summary>
    internal static async Task<long> LockAsync(PortalDb db, string name, CancellationToken ct)
    {
        var locked = await db.Counters.Where(c => c.Name == name).ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, c => c.Value), ct);
        if (locked != 1)
        {
            throw new InvalidOperationException($"The counter '{name}' is missing; the database is not migrated.");
        }

        return await db.Counters.Where(c => c.Name == name).Select(c => c.Value).SingleAsync(ct);
    }

    internal static Task SetAsync(PortalDb db, string name, long value, CancellationToken ct) =>
        db.Counters.Where(c => c.Name == name).ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, value), ct);
}
