using Bunit;
using MerchantPortal.Dashboard;
using MerchantPortal.Identity;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace MerchantPortal.ComponentTests.Dashboard;

/// <summary>The dashboard's period picker, whose last pickable day is the viewer's today.</summary>
public sealed class DashboardPeriodPickerTests : CoreComponentTest
{
    [Fact]
    public async Task The_last_pickable_day_is_today_in_the_viewers_zone_not_the_servers()
    {
        Services.AddSingleton(Core.Get<DashboardService>());
        Services.AddSingleton(Core.Get<UserAdminService>());
        var merchant = await Core.Catalog.MerchantAsync();
        SignInAs(Roles.Merchant, userId: PageUserId, merchantId: merchant.Id);
        // 23:30 UTC on 22 November is already 23 November in Kiritimati (UTC+14).
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero));
        JSInterop.SetupModule("./js/time-zone.js").Setup<string?>("timeZone").SetResult("Pacific/Kiritimati");
        await Services.GetRequiredService<BrowserTimeZone>().GetAsync();

        var page = RenderWithProviders<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal(new DateTime(2026, 11, 23), page.FindComponent<MudDateRangePicker>().Instance.GetState(x => x.MaxDate)), Patience);
    }
}
