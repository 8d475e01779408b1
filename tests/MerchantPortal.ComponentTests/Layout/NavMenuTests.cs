using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using MerchantPortal.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Layout;

public sealed class NavMenuTests : CoreComponentTest
{
    public static TheoryData<string, string[]> ExpectedNavigation() => new()
    {
        { Roles.Merchant, ["dashboard", "new-order", "orders", "customers", "payment-methods", "catalog", "balance", "webhooks", "api-reference"] },
        { Roles.Support, ["dashboard", "orders", "customers", "catalog", "balance", "support", "webhooks", "api-keys"] },
        { Roles.Admin, ["dashboard", "new-order", "orders", "customers", "payment-methods", "catalog", "balance", "support", "webhooks", "api-keys", "api-reference", "merchants", "team", "users", "audit"] },
    };

    [Theory]
    [MemberData(nameof(ExpectedNavigation))]
    public void Each_role_sees_exactly_the_areas_it_may_use(string role, string[] expected)
    {
        SignInAs(role);

        var nav = Render<NavMenu>();

        var shown = nav.FindAll("[data-testid^='nav-']").Select(a => a.GetAttribute("data-testid")!["nav-".Length..]);
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void A_merchants_team_admin_also_sees_the_team()
    {
        SignInAs(Roles.Merchant, merchantId: Guid.NewGuid(), teamAdmin: true);

        var nav = Render<NavMenu>();

        Assert.Single(nav.FindAll("[data-testid='nav-team']"));
    }

    [Theory]
    [InlineData("orders/new", "nav-new-order")]
    [InlineData("orders", "nav-orders")]
    [InlineData("orders/6f1c0c1e-0000-0000-0000-000000000001", "nav-orders")]
    public void Exactly_one_entry_is_highlighted(string path, string active)
    {
        SignInAs(Roles.Admin);
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);

        var nav = Render<NavMenu>();

        var highlighted = nav.FindAll("a.active").Select(a => a.GetAttribute("data-testid"));
        Assert.Equal([active], highlighted);
    }

    [Fact]
    public async Task Merchant_users_see_api_keys_only_when_their_merchant_lets_them_manage_its_keys()
    {
        var allowing = await Core.Catalog.MerchantAsync();
        await Core.Get<MerchantService>().SetApiKeyManagementAsync(allowing.Id, true, TestCatalog.Admin);
        SignInAs(Roles.Merchant, merchantId: allowing.Id);

        var nav = Render<NavMenu>();

        nav.WaitForAssertion(() => Assert.Equal("/api-keys", nav.Find("[data-testid='nav-api-keys']").GetAttribute("href")), Patience);
    }

    [Fact]
    public void Links_point_at_their_pages_under_a_labelled_navigation_landmark()
    {
        SignInAs(Roles.Admin);

        var nav = Render<NavMenu>();

        Assert.Equal("Main navigation", nav.Find("nav").GetAttribute("aria-label"));
        Assert.Equal("/admin/users", nav.Find("[data-testid='nav-users']").GetAttribute("href"));
        Assert.Equal("/support", nav.Find("[data-testid='nav-support']").GetAttribute("href"));
    }

    [Fact]
    public void The_support_queue_has_its_own_section_before_administration()
    {
        SignInAs(Roles.Admin);

        var nav = Render<NavMenu>();

        var sections = nav.FindAll(".mp-nav-section").Select(s => s.TextContent.Trim()).ToList();
        Assert.Equal([NavigationItems.Overview, NavigationItems.Commerce, NavigationItems.Support, NavigationItems.Developers, NavigationItems.Administration], sections);
    }

    [Fact]
    public void With_no_approvals_waiting_the_support_queue_shows_no_badge()
    {
        SignInAs(Roles.Support);

        var nav = Render<NavMenu>();

        Assert.Contains("Support queue", nav.Find("[data-testid='nav-support']").TextContent, StringComparison.Ordinal);
        Assert.Empty(nav.FindAll("[data-testid='support-approvals-badge']"));
    }

    [Fact]
    public async Task The_badge_counts_waiting_approvals_and_catches_up_on_navigation_and_every_half_minute()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        await Core.Get<MerchantService>().UpdateRefundSettingsAsync(merchant.Id, MerchantRefundSettings.Default with { ApprovalThresholdMinor = 0 },
            TestCatalog.Admin);
        var item = await Core.Catalog.KeyItemAsync(codes: 0);
        var orders = new TestOrders(Core.Services);
        var first = await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, quantity: 2);
        var second = await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, quantity: 2);
        var third = await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, quantity: 2);
        await Core.DrainJobsAsync();
        await RequestRefundAsync(first.Order.Id);
        SignInAs(Roles.Support);

        var nav = Render<NavMenu>();

        nav.WaitForAssertion(() => Assert.Equal("1", BadgeCount(nav)), Patience);
        Assert.Equal("1 approval waiting", nav.Find("[data-testid='support-approvals-badge'] .mp-visually-hidden").TextContent.Trim());

        await RequestRefundAsync(second.Order.Id);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/orders");
        nav.WaitForAssertion(() => Assert.Equal("2", BadgeCount(nav)), Patience);
        Assert.Equal("2 approvals waiting", nav.Find("[data-testid='support-approvals-badge'] .mp-visually-hidden").TextContent.Trim());

        await RequestRefundAsync(third.Order.Id);
        Clock.Advance(PendingApprovalsBadge.RefreshInterval);
        nav.WaitForAssertion(() => Assert.Equal("3", BadgeCount(nav)), Patience);
    }

    /// <summary>The number the badge shows (screen readers hear it as a sentence instead).</summary>
    private static string BadgeCount(IRenderedComponent<NavMenu> nav) =>
        nav.Find("[data-testid='support-approvals-badge'] [aria-hidden='true']").TextContent.Trim();

    private async Task RequestRefundAsync(Guid orderId)
    {
        var agent = Actor.User("requesting-agent", "requesting-agent@test.example", null, Roles.Support);
        var requested = await Core.Get<RefundService>().RequestAsync(new RequestRefund(orderId, null, null, RefundReason.Undelivered), agent);
        Assert.True(requested.Succeeded, requested.Error?.Message);
        Assert.Equal(RefundStatus.PendingApproval, requested.Value.Refund.Status);
    }
}
