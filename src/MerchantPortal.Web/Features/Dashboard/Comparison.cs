using System.Globalization;

namespace MerchantPortal.Web.Features.Dashboard;

/// <summary>A figure against the previous period, as a person reads it: "+12% vs previous period".</summary>
public static class Comparison
{
    public static string Of(long current, long previous)
    {
        if (previous == 0)
        {
            return current == 0 ? "No change vs previous period" : "New vs previous period (none before)";
        }

        var change = (current - previous) * 100m / previous;
        var rounded = Math.Round(change, 0, MidpointRounding.AwayFromZero);
        return rounded == 0
            ? "No change vs previous period"
            : $"{(rounded > 0 ? "+" : "−")}{Math.Abs(rounded).ToString("0", CultureInfo.InvariantCulture)}% vs previous period";
    }
}
