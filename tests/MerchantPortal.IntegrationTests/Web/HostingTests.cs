using System.Net;
using System.Text.Json;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Web;

public sealed class HostingTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task The_login_page_is_served_over_real_http()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign in", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task First_run_creates_and_migrates_the_sqlite_file_in_wal_mode()
    {
        _ = app.RootUri;

        Assert.True(File.Exists(app.DatabasePath));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Health_reports_the_database_check()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task Pages_need_a_signed_in_user()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page_with_status_404()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We can&#x27;t find that page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("Account/Login");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_assets_from_wwwroot_assets_are_served()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("css/portal.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(".mp-brand", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
