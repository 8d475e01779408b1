using Bunit;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Shared;

/// <summary>Times show in the viewer's zone and say which zone that is.</summary>
public sealed class LocalTimeTests : PortalComponentTest
{
    private static readonly DateTime Winter = new(2026, 1, 15, 13, 5, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_time_shows_in_the_browsers_zone_with_the_zone_and_utc_in_its_tooltip()
    {
        await BrowserZoneAsync("Europe/Berlin");

        var time = Render<LocalTime>(p => p.Add(t => t.Utc, Winter)).Find("time");

        Assert.Equal("15 Jan 2026, 14:05", time.TextContent);
        Assert.Equal("2026-01-15 14:05:00 UTC+1 (Europe/Berlin) · 2026-01-15 13:05:00 UTC", time.GetAttribute("title"));
    }

    [Fact]
    public async Task Show_zone_adds_the_offset_to_the_visible_time()
    {
        await BrowserZoneAsync("Asia/Kolkata");

        var time = Render<LocalTime>(p => p.Add(t => t.Utc, Winter).Add(t => t.Format, "HH:mm").Add(t => t.ShowZone, true)).Find("time");

        Assert.Equal("18:35 UTC+5:30", time.TextContent);
    }

    [Fact]
    public void Until_the_browser_names_its_zone_times_are_utc_and_say_so()
    {
        var time = Render<LocalTime>(p => p.Add(t => t.Utc, Winter).Add(t => t.ShowZone, true)).Find("time");
        var note = Render<TimeZoneNote>().Find("[data-testid='time-zone-note']");

        Assert.Equal("15 Jan 2026, 13:05 UTC", time.TextContent);
        Assert.Equal("Times in UTC", note.TextContent.Trim());
    }

    [Fact]
    public async Task The_page_note_names_the_zone()
    {
        await BrowserZoneAsync("Europe/Berlin");

        var note = Render<TimeZoneNote>().Find("[data-testid='time-zone-note']");

        Assert.Equal("Times in Europe/Berlin", note.TextContent.Trim());
    }

    private async Task BrowserZoneAsync(string zone)
    {
        JSInterop.SetupModule("./js/time-zone.js").Setup<string?>("timeZone").SetResult(zone);
        await Services.GetRequiredService<BrowserTimeZone>().GetAsync();
    }
}
