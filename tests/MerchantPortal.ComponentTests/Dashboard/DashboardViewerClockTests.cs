using Bunit;
using MerchantPortal.Dashboard;
using MerchantPortal.Identity;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace MerchantPortal.ComponentTests.Dashboard;

/// <summary>The dashboard follows the viewer's clock: the greeting's hour and the period picker's last day.</summary>
public sealed class DashboardViewerClockTests : CoreComponentTest
{
    [Fact]
    public async Task The_last_pickable_day_is_today_in_the_viewers_zone_not_the_servers()
    {
        // 23:30 UTC on 22 November is already 23 November in Kiritimati (UTC+14).
        var page = await RenderDashboardAtAsync(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero), "Pacific/Kiritimati");

        page.WaitForAssertion(() => Assert.Equal(new DateTime(2026, 11, 23), page.FindComponent<MudDateRangePicker>().Instance.GetState(x => x.MaxDate)), Patience);
    }

    [Theory]
    // The clock starts at noon UTC on 22 November and only moves forward. 20:00 UTC is 05:00 the next morning in Tokyo (UTC+9).
    [InlineData(20, "Asia/Tokyo", "Good morning")]
    // 03:00 UTC is 19:00 the evening before in Los Angeles (UTC-8 in November).
    [InlineData(3, "America/Los_Angeles", "Good evening")]
    // 07:00 UTC is 12:45 in Kathmandu (UTC+5:45): already the afternoon.
    [InlineData(7, "Asia/Kathmandu", "Good afternoon")]
    public async Task The_greeting_follows_the_hour_in_the_viewers_zone_not_utc(int utcHour, string zone, string greeting)
    {
        var page = await RenderDashboardAtAsync(new DateTimeOffset(2026, 11, 23, utcHour, 0, 0, TimeSpan.Zero), zone);

        page.WaitForAssertion(() => Assert.StartsWith(greeting, page.Find("h1.mp-page-title").TextContent.Trim(), StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task The_greeting_is_the_hour_in_utc_while_the_viewers_zone_is_not_known()
    {
        var page = await RenderDashboardAtAsync(new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.Zero), zone: null);

        page.WaitForAssertion(() => Assert.StartsWith("Good evening", page.Find("h1.mp-page-title").TextContent.Trim(), StringComparison.Ordinal), Patience);
    }

    /// <summary>A merchant's dashboard at that moment, seen from the browser's zone (not yet known when null).</summary>
    private async Task<IRenderedComponent<IComponent>> RenderDashboardAtAsync(DateTimeOffset utcNow, string? zone)
    {
        Services.AddSingleton(Core.Get<DashboardService>());
        Services.AddSingleton(Core.Get<UserAdminService>());
        var merchant = await Core.Catalog.MerchantAsync();
        SignInAs(Roles.Merchant, userId: PageUserId, merchantId: merchant.Id);
        Clock.SetUtcNow(utcNow);
        if (zone is not null)
        {
            JSInterop.SetupModule("./js/time-zone.js").Setup<string?>("timeZone").SetResult(zone);
            await Services.GetRequiredService<BrowserTimeZone>().GetAsync();
        }

        return RenderWithProviders<DashboardPage>();
    }
}
