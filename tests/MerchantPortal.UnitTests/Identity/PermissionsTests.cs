using MerchantPortal.Auditing;
using MerchantPortal.Identity;

namespace MerchantPortal.UnitTests.Identity;

public sealed class PermissionsTests
{
    private static readonly Guid Northwind = Guid.NewGuid();

    [Theory]
    [InlineData(Roles.Support, true, true, true, false)]
    [InlineData(Roles.Admin, true, true, true, true)]
    [InlineData(Roles.Merchant, false, false, false, true)]
    public void Users_may_do_what_their_role_allows(string role, bool refund, bool retry, bool decide, bool cancel)
    {
        var actor = Actor.User("u", "u@test.example", role == Roles.Merchant ? Northwind : null, role);

        Assert.Equal(
            (refund, retry, decide, cancel),
            (actor.Can(Capability.RefundUnits), actor.Can(Capability.RetryFulfilment), actor.Can(Capability.DecideApprovals), actor.Can(Capability.CancelOrders)));
    }

    [Fact]
    public void An_api_key_may_refund_only_with_the_refunds_scope_and_never_approve()
    {
        var refunds = Actor.ApiKey("key_1", "Shop key", Northwind, new HashSet<string> { Scopes.RefundsWrite });
        var orders = Actor.ApiKey("key_2", "Shop key", Northwind, new HashSet<string> { Scopes.OrdersWrite, Scopes.OrdersRead });

        Assert.True(refunds.Can(Capability.RefundUnits));
        Assert.False(refunds.Can(Capability.CancelOrders));
        Assert.False(orders.Can(Capability.RefundUnits));
        Assert.True(orders.Can(Capability.CancelOrders));
        Assert.False(refunds.Can(Capability.DecideApprovals));
    }

    [Fact]
    public void The_system_runs_policies_but_never_approves_in_someones_place()
    {
        Assert.True(Actor.System.Can(Capability.RefundUnits));
        Assert.True(Actor.System.Can(Capability.CancelOrders));
        Assert.False(Actor.System.Can(Capability.DecideApprovals));
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Support, false)]
    [InlineData(Roles.Merchant, false)]
    public void Only_admins_upload_and_void_codes(string role, bool allowed)
    {
        var actor = Actor.User("u", "u@test.example", role == Roles.Merchant ? Northwind : null, role);
        var key = Actor.ApiKey("key_1", "Shop key", Northwind, new HashSet<string>(Scopes.All));

        Assert.Equal(allowed, actor.Can(Capability.ManageKeyInventory));
        Assert.False(key.Can(Capability.ManageKeyInventory));
        Assert.True(Actor.System.Can(Capability.ManageKeyInventory));
    }

    [Fact]
    public void Only_admins_and_the_system_adjust_a_balance_and_no_api_key_does()
    {
        var admin = Actor.User("a", "a@test.example", null, Roles.Admin);
        var support = Actor.User("s", "s@test.example", null, Roles.Support);
        var merchant = Actor.User("m", "m@test.example", Northwind, Roles.Merchant);
        var key = Actor.ApiKey("key_1", "Shop key", Northwind, new HashSet<string>(Scopes.All));

        Assert.Equal((true, true, false, false, false), (admin.Can(Capability.AdjustBalance), Actor.System.Can(Capability.AdjustBalance),
            support.Can(Capability.AdjustBalance), merchant.Can(Capability.AdjustBalance), key.Can(Capability.AdjustBalance)));
        Assert.Equal([Roles.Admin], Policies.PolicyRoles[Policies.AdjustBalance]);
    }

    [Fact]
    public void A_user_without_a_role_may_do_nothing()
    {
        var nobody = Actor.User("u", "u@test.example", null, "");

        Assert.All(Enum.GetValues<Capability>(), c => Assert.False(nobody.Can(c)));
    }

    [Fact]
    public void Merchant_users_and_keys_see_only_their_own_merchant_and_staff_see_all()
    {
        var other = Guid.NewGuid();
        var merchantUser = Actor.User("m", "m@test.example", Northwind, Roles.Merchant);
        var key = Actor.ApiKey("key_1", "Shop key", Northwind, new HashSet<string> { Scopes.RefundsWrite });
        var support = Actor.User("s", "s@test.example", null, Roles.Support);

        Assert.Equal((true, false), (merchantUser.MaySee(Northwind), merchantUser.MaySee(other)));
        Assert.Equal((true, false), (key.MaySee(Northwind), key.MaySee(other)));
        Assert.True(support.MaySee(other));
    }

    [Fact]
    public void The_portal_policies_for_orders_and_money_are_the_matrix_core_enforces()
    {
        Assert.Equal(Permissions.RolesWith(Capability.RefundUnits), Policies.PolicyRoles[Policies.RefundOrders]);
        Assert.Equal(Permissions.RolesWith(Capability.CancelOrders), Policies.PolicyRoles[Policies.CancelOrders]);
        Assert.Equal(Permissions.RolesWith(Capability.ViewSupportQueue), Policies.PolicyRoles[Policies.SupportQueue]);
    }
}
