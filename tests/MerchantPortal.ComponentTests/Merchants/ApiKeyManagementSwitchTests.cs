using Bunit;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Web.Features.Merchants;

namespace MerchantPortal.ComponentTests.Merchants;

/// <summary>The merchants page's switch that lets a merchant's own users manage its API keys.</summary>
public sealed class ApiKeyManagementSwitchTests : CoreComponentTest
{
    [Fact]
    public async Task An_admin_lets_a_merchants_users_manage_its_api_keys_and_takes_it_back()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        SignInAs(Roles.Admin, userId: PageUserId);
        var page = RenderWithProviders<MerchantsPage>();
        var testId = $"merchant-users-manage-api-keys-{merchant.Name}";

        Toggle(page, testId, true);

        page.WaitForAssertion(() => Assert.Contains("can now create, revoke and roll its API keys", page.Find(".mud-snackbar").TextContent,
            StringComparison.Ordinal), Patience);
        Assert.True((await Core.Get<MerchantService>().FindAsync(merchant.Id))!.MerchantUsersManageApiKeys);

        Toggle(page, testId, false);

        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-snackbar"),
            snackbar => snackbar.TextContent.Contains($"Only admins manage {merchant.Name}'s API keys now.", StringComparison.Ordinal)), Patience);
        Assert.False((await Core.Get<MerchantService>().FindAsync(merchant.Id))!.MerchantUsersManageApiKeys);
    }

    private static void Toggle(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, string testId, bool on)
    {
        var element = page.WaitForElement($"[data-testid='{testId}']", Patience);
        (element.TagName == "INPUT" ? element : element.QuerySelector("input")!).Change(on);
    }
}
