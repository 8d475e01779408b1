using MerchantPortal.Web.Components.Layout;

namespace MerchantPortal.UnitTests.Web;

public sealed class NavigationMatchTests
{
    [Theory]
    [InlineData("", "dashboard")]
    [InlineData("orders", "orders")]
    [InlineData("orders/new", "new-order")]
    [InlineData("orders/new?from=abc", "new-order")]
    [InlineData("orders/6f1c0c1e-0000-0000-0000-000000000001", "orders")]
    [InlineData("orders?status=failed", "orders")]
    [InlineData("admin/users", "users")]
    [InlineData("catalog/12/edit", "catalog")]
    public void Each_page_belongs_to_exactly_one_entry(string path, string key) =>
        Assert.Equal(key, NavigationItems.BestMatch(NavigationItems.All, path)?.Key);

    [Fact]
    public void A_page_no_entry_covers_highlights_none() =>
        Assert.Null(NavigationItems.BestMatch(NavigationItems.All, "Account/Manage"));

    [Fact]
    public void A_longer_address_that_is_not_a_child_does_not_match() =>
        Assert.Null(NavigationItems.BestMatch(NavigationItems.All, "ordersx"));
}
