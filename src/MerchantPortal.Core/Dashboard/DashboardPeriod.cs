using MerchantPortal.Common;

namespace MerchantPortal.Dashboard;

/// <summary>A run of whole days, both ends included, in the viewer's time zone; compared with the same number of days before it.</summary>
public sealed record DashboardPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest period the dashboard shows.</summary>
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The same number of days just before this period.</summary>
    public DashboardPeriod Previous => new(From.AddDays(-Days), From.AddDays(-1));

    public static DashboardPeriod LastDays(DateOnly today, int days) => new(today.AddDays(1 - days), today);

    public static Error? Validate(DashboardPeriod period) =>
        period.To < period.From ? new Error("PERIOD_INVALID", "The end date must be on or after the start date.", "period")
        : period.Days > MaxDays ? new Error("PERIOD_TOO_LONG", $"Choose at most {MaxDays} days.", "period")
        : null;
}
