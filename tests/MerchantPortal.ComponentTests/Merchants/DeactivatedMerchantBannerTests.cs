using Bunit;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Components;

namespace MerchantPortal.ComponentTests.Merchants;

/// <summary>The banner a deactivated merchant's users see on every page, against the real merchant service.</summary>
public sealed class DeactivatedMerchantBannerTests : CoreComponentTest
{
    private MerchantService Merchants => Core.Get<MerchantService>();

    [Fact]
    public async Task The_banner_names_the_deactivated_merchant_and_says_what_still_works()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        Assert.True((await Merchants.SetActiveAsync(merchant.Id, false, TestCatalog.Admin)).Succeeded);

        var banner = RenderBanner(Roles.Merchant, merchant.Id);

        banner.WaitForAssertion(() => Assert.Equal(
            $"{merchant.Name} is deactivated: new orders are refused. Orders, refunds and reports stay available. Contact support to reactivate it.",
            string.Join(' ', banner.Find("[data-testid='deactivated-merchant-banner']").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))),
            Patience);
    }

    [Fact]
    public async Task No_banner_for_an_active_merchant()
    {
        var merchant = await Core.Catalog.MerchantAsync();

        var banner = RenderBanner(Roles.Merchant, merchant.Id);

        Assert.Empty(banner.FindAll("[data-testid='deactivated-merchant-banner']"));
    }

    [Fact]
    public async Task No_banner_for_an_admin()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        await Merchants.SetActiveAsync(merchant.Id, false, TestCatalog.Admin);

        var banner = RenderBanner(Roles.Admin, null);

        Assert.Empty(banner.FindAll("[data-testid='deactivated-merchant-banner']"));
    }

    private IRenderedComponent<IComponent> RenderBanner(string role, Guid? merchantId)
    {
        SignInAs(role, userId: PageUserId, merchantId: merchantId);
        return RenderWithProviders<DeactivatedMerchantBanner>();
    }
}
