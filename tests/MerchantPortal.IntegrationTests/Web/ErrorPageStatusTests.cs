using System.Net;
using MerchantPortal.Identity;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Web;

/// <summary>The not-found and access-denied pages answer with the status they describe, for browsers, crawlers and monitors alike.</summary>
public sealed class ErrorPageStatusTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Theory]
    [InlineData("no/such/page")]
    [InlineData("not-found")]
    public async Task A_signed_in_user_gets_the_not_found_page_with_status_404(string path)
    {
        using var client = await SignedInAsync(Roles.Merchant);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-testid=\"not-found\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_not_found_page_answers_404_when_opened_by_its_own_address()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("not-found");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We can&#x27;t find that page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_the_role_may_not_open_leads_to_the_access_denied_page_with_status_403()
    {
        using var client = await SignedInAsync(Roles.Merchant);

        var refused = await client.GetAsync("admin/users");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var response = await client.GetAsync(refused.Headers.Location);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("data-testid=\"access-denied\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_access_denied_page_answers_403_when_opened_by_its_own_address()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("Account/AccessDenied");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("data-testid=\"access-denied\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var user = app.DemoUser(role);
        var client = app.CreateBrowserlikeClient();
        var signIn = await SsrForm.SignInAsync(client, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}
