namespace MerchantPortal.Changes;

/// <summary>
/// How far the poller has read. Sequences are handed out on insert but become visible on commit, so on SQL
/// Server a lower number can show up after a higher one. The cursor therefore raises every entry it has not
/// raised yet, and moves its <see cref="Position"/> only over unbroken runs; a gap is waited for
/// <c>gapTimeout</c>, then passed (a rolled-back insert leaves a gap for good).
/// </summary>
internal sealed class ChangeFeedCursor(long start, TimeSpan gapTimeout)
{
    private readonly SortedSet<long> _raisedAbove = [];
    private DateTime? _gapSince;

    /// <summary>Every entry up to here was raised (or its gap given up); the poller reads the entries above it.</summary>
    public long Position { get; private set; } = start;

    /// <summary>Whether the entry is still to be raised; it counts as raised from now on.</summary>
    public bool Take(long sequence) => sequence > Position && _raisedAbove.Add(sequence);

    /// <summary>Moves past the entries raised right after the position, and past a gap that stayed open too long.</summary>
    public void Advance(DateTime now)
    {
        var from = Position;
        while (_raisedAbove.Remove(Position + 1))
        {
            Position++;
        }

        if (_raisedAbove.Count == 0)
        {
            _gapSince = null;
        }
        else if (Position != from || _gapSince is null)
        {
            _gapSince = now;
        }
        else if (now - _gapSince >= gapTimeout)
        {
            Position = _raisedAbove.Min - 1;
            _gapSince = null;
            Advance(now);
        }
    }
}
