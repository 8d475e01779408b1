using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using MerchantPortal.Web.Security;

namespace MerchantPortal.IntegrationTests.Web;

/// <summary>The Content-Security-Policy allows the import map each page carries inline, by its hash, and no other inline script.</summary>
public sealed partial class ContentSecurityPolicyTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Theory]
    [InlineData("Account/Login", false)]
    [InlineData("", true)]
    [InlineData("orders", true)]
    [InlineData("no/such/page", true)]
    public async Task The_policy_allows_the_pages_import_map_by_its_hash(string path, bool signedIn)
    {
        using var client = app.CreateBrowserlikeClient();
        if (signedIn)
        {
            var user = app.DemoUser(Roles.Merchant);
            Assert.Equal(HttpStatusCode.Redirect, (await SsrForm.SignInAsync(client, user.Email, user.Password)).StatusCode);
        }

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        var importMap = ImportMapScript().Match(html);
        Assert.True(importMap.Success, "The page carries no import map.");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var scriptSources = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Contains(ImportMapHash.Of(importMap.Groups["json"].Value), scriptSources, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", scriptSources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_connect_only_to_this_origin_and_stripe_not_to_any_websocket_host()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("Account/Login");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal("connect-src 'self' https://api.stripe.com", policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("connect-src ", StringComparison.Ordinal)));
    }

    [GeneratedRegex("<script type=\"importmap\"[^>]*>(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMapScript();
}
