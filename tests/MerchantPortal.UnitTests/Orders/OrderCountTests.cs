using MerchantPortal.Orders;

namespace MerchantPortal.UnitTests.Orders;

/// <summary>A count taken up to one past the cap: exact up to the cap, "10,000+" beyond it.</summary>
public sealed class OrderCountTests
{
    [Theory]
    [InlineData(0, "0", false)]
    [InlineData(9_999, "9,999", false)]
    [InlineData(OrderCount.Cap, "10,000", false)]
    [InlineData(OrderCount.Cap + 1, "10,000+", true)]
    [InlineData(4 * (OrderCount.Cap + 1), "10,000+", true)]
    public void A_count_is_exact_up_to_the_cap_and_capped_past_it(int counted, string shown, bool capped)
    {
        var count = OrderCount.Of(counted);

        Assert.Equal(shown, count.ToString());
        Assert.Equal(capped, count.IsCapped);
        Assert.True(count.Value <= OrderCount.Cap);
    }
}
