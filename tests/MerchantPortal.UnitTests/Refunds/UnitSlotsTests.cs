using MerchantPortal.Refunds;

namespace MerchantPortal.UnitTests.Refunds;

public sealed class UnitSlotsTests
{
    [Theory]
    [InlineData(new[] { 3, 4, 5, 9 }, "3-5,9")]
    [InlineData(new[] { 0 }, "0")]
    [InlineData(new int[0], "")]
    [InlineData(new[] { 7, 1, 2, 7 }, "1-2,7")]
    public void Positions_are_written_as_sorted_ranges_and_read_back(int[] positions, string text)
    {
        var slots = UnitSlots.Of(positions);

        Assert.Equal(text, slots.ToString());
        Assert.Equal(positions.Distinct().Order(), UnitSlots.Parse(text).Positions);
        Assert.Equal(positions.Distinct().Count(), slots.Count);
    }

    [Fact]
    public void The_highest_free_positions_skip_held_ones_and_the_lowest_free_fill_from_the_bottom()
    {
        var held = UnitSlots.Parse("7-9");

        Assert.Equal("5-6", held.HighestFree(10, 2).ToString());
        Assert.Equal("0-2", held.LowestFree(10, 3).ToString());
        Assert.Equal("0-6", held.HighestFree(10, 20).ToString());
    }

    [Fact]
    public void A_union_merges_the_sets()
    {
        Assert.Equal("0-4,8", UnitSlots.Union([UnitSlots.Parse("0-2"), UnitSlots.Parse("3,4"), UnitSlots.Parse("8")]).ToString());
    }
}
