using MerchantPortal.Web.Features.Dashboard;

namespace MerchantPortal.UnitTests.Web;

public sealed class ComparisonTests
{
    [Theory]
    [InlineData(112, 100, "+12% vs previous period")]
    [InlineData(50, 100, "−50% vs previous period")]
    [InlineData(100, 100, "No change vs previous period")]
    [InlineData(0, 0, "No change vs previous period")]
    [InlineData(5, 0, "New vs previous period (none before)")]
    [InlineData(1001, 1000, "No change vs previous period")]
    public void A_figure_reads_against_the_previous_period(long current, long previous, string expected) =>
        Assert.Equal(expected, Comparison.Of(current, previous));
}
