using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Writing;

/// <summary>
/// What the writes of one transaction share: numbers from a <see cref="Counter"/>, taken for the whole batch with
/// one lock of the counter's row and one update at the end. A write that is rolled back gives its numbers back,
/// so the sequence has no gaps.
/// </summary>
public sealed class WriteBatch
{
    private readonly PortalDb _db;
    private readonly Dictionary<string, (long Locked, long Last)> _counters = new(StringComparer.Ordinal);
    private Dictionary<string, (long Locked, long Last)> _checkpoint = new(StringComparer.Ordinal);

    internal WriteBatch(PortalDb db) => _db = db;

    /// <summary>The next value of the counter; the row stays locked until the batch commits, on every provider.</summary>
    public async Task<long> NextAsync(string counter, CancellationToken ct)
    {
        if (!_counters.TryGetValue(counter, out var value))
        {
            var locked = await Counter.LockAsync(_db, counter, ct);
            value = (locked, locked);
        }

        _counters[counter] = value with { Last = value.Last + 1 };
        return value.Last + 1;
    }

    /// <summary>Marks where the next write starts, for <see cref="Undo"/>.</summary>
    internal void Checkpoint() => _checkpoint = new Dictionary<string, (long, long)>(_counters, StringComparer.Ordinal);

    /// <summary>Gives back what the write since <see cref="Checkpoint"/> took; its savepoint was rolled back.</summary>
    internal void Undo()
    {
        _counters.Clear();
        foreach (var (name, value) in _checkpoint)
        {
            _counters[name] = value;
        }
    }

    /// <summary>Stores each counter's last value taken, before the commit.</summary>
    internal async Task FinishAsync(CancellationToken ct)
    {
        foreach (var (name, (locked, last)) in _counters.Where(c => c.Value.Last != c.Value.Locked))
        {
            await Counter.SetAsync(_db, name, last, ct);
        }
    }
}
