using MerchantPortal.Identity;

namespace MerchantPortal.UnitTests.Identity;

public sealed class PoliciesTests
{
    [Fact]
    public void Every_policy_names_only_known_roles()
    {
        foreach (var (policy, roles) in Policies.PolicyRoles)
        {
            Assert.NotEmpty(roles);
            Assert.All(roles, role => Assert.True(Roles.IsKnown(role), $"{policy} names unknown role {role}"));
        }
    }

    [Fact]
    public void Only_admins_manage_users() =>
        Assert.Equal([Roles.Admin], Policies.PolicyRoles[Policies.ManageUsers]);
}
