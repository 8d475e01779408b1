using System.Net;
using MerchantPortal.Identity;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Identity;

public sealed class SignInTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task A_demo_user_signs_in_and_reaches_the_dashboard()
    {
        using var client = app.CreateBrowserlikeClient();
        var admin = app.DemoUser(Roles.Admin);

        var signIn = await SsrForm.SignInAsync(client, admin.Email, admin.Password);
        var dashboard = await client.GetAsync("");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_on_the_login_page()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await SsrForm.SignInAsync(client, app.DemoUser(Roles.Support).Email, "Not-The-Password-1!");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not correct.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_are_reported_next_to_each_field_and_nothing_happens()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await SsrForm.SignInAsync(client, "", "");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your email address.", page, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_cannot_redirect_to_another_site()
    {
        using var client = app.CreateBrowserlikeClient();
        var merchant = app.DemoUser(Roles.Merchant);

        var response = await SsrForm.SubmitAsync(client, "Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = merchant.Email,
            ["Input.Password"] = merchant.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual("evil.example", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.Host : "");
    }

    [Theory]
    [InlineData("/\\evil.example", "/")]
    [InlineData("\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("", "/")]
    [InlineData("/orders", "/orders")]
    [InlineData("orders", "/orders")]
    public async Task Signing_out_returns_only_to_a_page_of_the_portal(string returnUrl, string expected)
    {
        using var client = app.CreateBrowserlikeClient();
        var merchant = app.DemoUser(Roles.Merchant);
        await SsrForm.SignInAsync(client, merchant.Email, merchant.Password);

        // The profile page's form carries an antiforgery token for the signed-in user, as the user menu's form does.
        var response = await SsrForm.SubmitAsync(client, "Account/Manage", new Dictionary<string, string> { ["returnUrl"] = returnUrl }, "Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("orders")).StatusCode);
    }
}
