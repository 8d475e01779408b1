using System.Reflection;
using MerchantPortal.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace MerchantPortal.UnitTests.Web;

/// <summary>Every page states who may see it: a portal policy, or explicitly anyone.</summary>
public sealed class PageAuthorizationTests
{
    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var page in RoutablePages())
        {
            data.Add(page.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_page_requires_a_known_policy_or_allows_anyone(string pageName)
    {
        var page = RoutablePages().Single(p => p.FullName == pageName);
        var authorize = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToList();
        var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null;

        Assert.True(anonymous ^ authorize.Count > 0, $"{page.Name} must have either [Authorize(Policy = …)] or [AllowAnonymous].");
        Assert.All(authorize, a => Assert.True(a.Policy is not null && Policies.PolicyRoles.ContainsKey(a.Policy),
            $"{page.Name} must name a policy from Policies, not roles."));
    }

    [Fact]
    public void Only_account_and_status_pages_allow_anyone()
    {
        var anonymous = RoutablePages()
            .Where(p => p.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            .Select(p => p.Namespace!)
            .Distinct();

        Assert.All(anonymous, ns => Assert.True(
            ns.EndsWith(".Account.Pages", StringComparison.Ordinal) || ns.EndsWith(".Components.Pages", StringComparison.Ordinal), ns));
    }

    private static IEnumerable<Type> RoutablePages() =>
        typeof(MerchantPortal.Web.WebRegistration).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<RouteAttribute>().Any());
}
