using Bunit;
using MerchantPortal.Dashboard;
using MerchantPortal.Identity;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Dashboard;

/// <summary>The dashboard's greeting, which follows the hour on the viewer's clock.</summary>
public sealed class DashboardGreetingTests : CoreComponentTest
{
    [Theory]
    // The clock starts at noon UTC on 22 November and only moves forward. 20:00 UTC is 05:00 the next morning in Tokyo (UTC+9).
    [InlineData(20, "Asia/Tokyo", "Good morning")]
    // 03:00 UTC is 19:00 the evening before in Los Angeles (UTC-8 in November).
    [InlineData(3, "America/Los_Angeles", "Good evening")]
    // 07:00 UTC is 12:45 in Kathmandu (UTC+5:45): already the afternoon.
    [InlineData(7, "Asia/Kathmandu", "Good afternoon")]
    public async Task The_greeting_follows_the_hour_in_the_viewers_zone_not_utc(int utcHour, string zone, string greeting)
    {
        Services.AddSingleton(Core.Get<DashboardService>());
        Services.AddSingleton(Core.Get<UserAdminService>());
        var merchant = await Core.Catalog.MerchantAsync();
        SignInAs(Roles.Merchant, userId: PageUserId, merchantId: merchant.Id);
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, utcHour, 0, 0, TimeSpan.Zero));
        JSInterop.SetupModule("./js/time-zone.js").Setup<string?>("timeZone").SetResult(zone);
        await Services.GetRequiredService<BrowserTimeZone>().GetAsync();

        var page = RenderWithProviders<DashboardPage>();

        page.WaitForAssertion(() => Assert.StartsWith(greeting, page.Find("h1.mp-page-title").TextContent.Trim(), StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task The_greeting_is_the_hour_in_utc_while_the_viewers_zone_is_not_known()
    {
        Services.AddSingleton(Core.Get<DashboardService>());
        Services.AddSingleton(Core.Get<UserAdminService>());
        var merchant = await Core.Catalog.MerchantAsync();
        SignInAs(Roles.Merchant, userId: PageUserId, merchantId: merchant.Id);
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.Zero));

        var page = RenderWithProviders<DashboardPage>();

        page.WaitForAssertion(() => Assert.StartsWith("Good evening", page.Find("h1.mp-page-title").TextContent.Trim(), StringComparison.Ordinal), Patience);
    }
}
