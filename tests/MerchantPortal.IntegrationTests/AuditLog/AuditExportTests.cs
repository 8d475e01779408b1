using System.Net;
using System.Text.Json;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.AuditLog;

/// <summary><c>GET /admin/audit/export.csv</c> through the real app: admins only, the log's filters, before → after values.</summary>
public sealed class AuditExportTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task An_admin_exports_the_filtered_log_with_the_changes_and_a_file_name_that_says_the_filter()
    {
        var merchants = app.Services.GetRequiredService<MerchantService>();
        var merchant = (await merchants.CreateAsync(new CreateMerchant($"Audit {Guid.NewGuid():N}"[..20], "USD"), TestCatalog.Admin)).Value;
        await merchants.UpdateAsync(merchant.Id, new UpdateMerchant(merchant.Name, 150, 0), TestCatalog.Admin);
        using var client = await SignedInAsync(Roles.Admin);

        var response = await client.GetAsync($"admin/audit/export.csv?area=merchant&merchant={merchant.Id}&from=2026-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=audit-merchant-2026-01-01_now.csv", response.Content.Headers.ContentDisposition!.ToString());
        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(AuditCsv.Columns, rows[0]);
        var data = rows.Skip(1).ToList();
        Assert.Equal(2, data.Count);
        Assert.All(data, row => Assert.Equal(merchant.Name, row[7]));
        // Newest first: the fee change, with its value before and after.
        Assert.Equal("merchant.updated", data[0][4]);
        Assert.Equal("fee: 0% → 1.5%", data[0][9]);
        Assert.Equal("merchant.created", data[1][4]);
    }

    [Fact]
    public async Task A_bad_date_is_a_problem_with_a_code_not_a_500()
    {
        using var client = await SignedInAsync(Roles.Admin);

        var response = await client.GetAsync("admin/audit/export.csv?from=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FROM_INVALID", problem.RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(Roles.Merchant)]
    [InlineData(Roles.Support)]
    public async Task Only_admins_export_the_log(string role)
    {
        using var client = await SignedInAsync(role);

        var response = await client.GetAsync("admin/audit/export.csv");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("text/csv", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = app.CreateBrowserlikeClient();
        var user = app.DemoUser(role);
        var signIn = await SsrForm.SignInAsync(client, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}
