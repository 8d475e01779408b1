using System.Globalization;
using MerchantPortal.Common;
using Microsoft.JSInterop;

namespace MerchantPortal.Web.Components.Layout;

/// <summary>
/// The time zone of the browser at the other end of the circuit, so pages show times as the person's local
/// time and read the dates they pick as their local days. The layout asks the browser once after the first
/// render; until then (and when the browser names a zone this server does not know) times are UTC and say so.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>The browser's zone, or null while it is not known yet.</summary>
    public TimeZoneInfo? Zone { get; private set; }

    /// <summary>Raised when the zone becomes known, so components can re-render their times.</summary>
    public event Action? Changed;

    /// <summary>The browser's zone (UTC if unknown). Call it once the component is interactive.</summary>
    public async ValueTask<TimeZoneInfo> GetAsync()
    {
        if (Zone is null)
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/time-zone.js");
            var id = await _module.InvokeAsync<string?>("timeZone");
            if (id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                Zone = zone;
                Changed?.Invoke();
            }
        }

        return Zone ?? TimeZoneInfo.Utc;
    }

    public string Format(DateTime utc, string format) => Zone is null
        ? utc.ToString(format, CultureInfo.InvariantCulture) + " UTC"
        : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The zone's name as the browser gave it (an IANA id such as <c>Europe/Berlin</c>), or <c>UTC</c> while unknown.</summary>
    public string Name => Zone?.Id ?? "UTC";

    /// <summary>
    /// The zone's offset at that instant as a short label, e.g. <c>UTC+1</c>, <c>UTC+5:30</c> or <c>UTC</c>. Offsets
    /// rather than abbreviations such as "CET": .NET has no portable abbreviations, and an offset is unambiguous.
    /// </summary>
    public string OffsetLabel(DateTime utc)
    {
        var offset = Zone?.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) ?? TimeSpan.Zero;
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}")
            : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}:{abs.Minutes:D2}");
    }

    /// <summary>The once-per-page label of the zone times are shown in, e.g. "Times in Europe/Berlin".</summary>
    public string Caption => $"Times in {Name}";

    /// <summary>A time's tooltip: the local time with its zone and offset, and the exact UTC time.</summary>
    public string Describe(DateTime utc) => Zone is null
        ? utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
        : $"{Format(utc, "yyyy-MM-dd HH:mm:ss")} {OffsetLabel(utc)} ({Name}) · {utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}";

    /// <summary>The UTC instant at which a local calendar day starts in the browser's zone (UTC if unknown).</summary>
    public DateTime StartOfDayUtc(DateOnly day) => LocalDays.StartOfDayUtc(day, Zone ?? TimeZoneInfo.Utc);

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; there is nothing left to release in the browser.
            }
        }
    }
}
