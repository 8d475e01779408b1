using MerchantPortal.Changes;

namespace MerchantPortal.UnitTests.Changes;

public sealed class ChangeFeedCursorTests
{
    private static readonly DateTime Start = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void An_entry_is_taken_once_and_the_position_moves_over_an_unbroken_run()
    {
        var cursor = new ChangeFeedCursor(5, GapTimeout);

        Assert.True(cursor.Take(6));
        Assert.True(cursor.Take(7));
        Assert.False(cursor.Take(7));
        Assert.False(cursor.Take(5));
        cursor.Advance(Start);

        Assert.Equal(7, cursor.Position);
    }

    [Fact]
    public void A_late_commit_below_a_newer_entry_is_still_raised()
    {
        var cursor = new ChangeFeedCursor(5, GapTimeout);
        Assert.True(cursor.Take(7));
        cursor.Advance(Start);
        Assert.Equal(5, cursor.Position);

        // Sequence 6 was handed out first but committed later.
        Assert.True(cursor.Take(6));
        Assert.False(cursor.Take(7));
        cursor.Advance(Start.AddSeconds(1));

        Assert.Equal(7, cursor.Position);
    }

    [Fact]
    public void A_gap_that_stays_open_past_the_timeout_is_passed()
    {
        var cursor = new ChangeFeedCursor(5, GapTimeout);
        cursor.Take(7);
        cursor.Take(8);
        cursor.Advance(Start);
        cursor.Advance(Start + GapTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(5, cursor.Position);

        cursor.Advance(Start + GapTimeout);

        Assert.Equal(8, cursor.Position);
        Assert.False(cursor.Take(6));
    }
}
