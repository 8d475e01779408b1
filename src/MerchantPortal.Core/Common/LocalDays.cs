namespace MerchantPortal.Common;

/// <summary>Calendar days in a time zone, as the UTC instants that bound them.</summary>
public static class LocalDays
{
    /// <summary>
    /// The UTC instant a local day begins in <paramref name="zone"/>. Where a clock change skips midnight the day
    /// begins at the first quarter hour that exists; where midnight happens twice, at the first of them.
    /// </summary>
    public static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
