using System.Globalization;

namespace MerchantPortal.Web.Components.Layout;

/// <summary>
/// The time zone of the browser on the other end of the circuit, learned once after the first render.
/// Until it is known, times are shown in UTC and say so.
/// </summary>
public sealed class BrowserTimeZone
{
    public TimeZoneInfo? Zone { get; private set; }

    public event Action? Changed;

    public void Set(string? ianaId)
    {
        if (ianaId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) && zone.Id != Zone?.Id)
        {
            Zone = zone;
            Changed?.Invoke();
        }
    }

    public string Format(DateTime utc, string format) => Zone is null
        ? utc.ToString(format, CultureInfo.InvariantCulture) + " UTC"
        : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The UTC instant at which a local calendar day starts in the browser's zone (UTC if unknown).</summary>
    public DateTime StartOfDayUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return Zone is null ? DateTime.SpecifyKind(local, DateTimeKind.Utc) : TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}
