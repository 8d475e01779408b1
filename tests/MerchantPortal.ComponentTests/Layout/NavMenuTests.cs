using Bunit;
using MerchantPortal.Identity;
using MerchantPortal.Web.Components.Layout;

namespace MerchantPortal.ComponentTests.Layout;

public sealed class NavMenuTests : PortalComponentTest
{
    public static TheoryData<string, string[]> ExpectedNavigation() => new()
    {
        { Roles.Merchant, ["dashboard", "new-order", "orders", "customers", "payment-methods", "catalog", "balance"] },
        { Roles.Support, ["dashboard", "orders", "customers", "catalog"] },
        { Roles.Admin, ["dashboard", "new-order", "orders", "customers", "payment-methods", "catalog", "balance", "merchants", "users", "audit"] },
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
    public void Links_point_at_their_pages_under_a_labelled_navigation_landmark()
    {
        SignInAs(Roles.Admin);

        var nav = Render<NavMenu>();

        Assert.Equal("Main navigation", nav.Find("nav").GetAttribute("aria-label"));
        Assert.Equal("/admin/users", nav.Find("[data-testid='nav-users']").GetAttribute("href"));
    }
}
