using MerchantPortal.Orders;
using MerchantPortal.Support;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Features.Support;

namespace MerchantPortal.UnitTests.Web.Support;

public sealed class SupportQueueDisplayTests
{
    [Theory]
    [InlineData(0, "0 min")]
    [InlineData(59 * 60, "59 min")]
    [InlineData(60 * 60, "1 h")]
    [InlineData(3 * 3600 + 59 * 60, "3 h")]
    [InlineData(24 * 3600, "1 d")]
    [InlineData(2 * 86400 + 23 * 3600, "2 d")]
    [InlineData(-30, "0 min")]
    public void An_age_reads_in_the_largest_whole_unit(int seconds, string expected) =>
        Assert.Equal(expected, SupportQueueDisplay.Elapsed(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(OrderErrorCodes.OutOfStock, "Out of stock")]
    [InlineData(SupportReasons.Stuck, "Stuck in processing")]
    [InlineData(OrderFlags.RefundFailed, "Refund failed")]
    [InlineData(SupportReasons.Undelivered, "Units left undelivered")]
    [InlineData("SOMETHING_NEW", "Something new")]
    public void Reason_codes_read_as_words(string code, string words) => Assert.Equal(words, ReasonText.Of(code));

    [Fact]
    public void Only_flags_can_be_marked_as_dealt_with()
    {
        Assert.True(SupportQueueDisplay.IsFlag(OrderFlags.LatePayment));
        Assert.True(SupportQueueDisplay.IsFlag(OrderFlags.RefundFailed));
        Assert.True(SupportQueueDisplay.IsFlag(OrderFlags.DeliveredAfterRefund));
        Assert.False(SupportQueueDisplay.IsFlag(OrderErrorCodes.OutOfStock));
        Assert.False(SupportQueueDisplay.IsFlag(SupportReasons.Stuck));
    }
}
