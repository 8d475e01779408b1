using System.Net;
using System.Text.Json;
using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features;
using MerchantPortal.Web.Features.Balance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Web;

/// <summary>The delivered-codes download and the ledger export through the real app, signed in with a cookie.</summary>
public sealed class CodeAndLedgerExportTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task The_codes_download_holds_only_the_orders_delivered_codes_and_is_audited()
    {
        var merchant = (await app.Services.GetRequiredService<MerchantService>().FindByNameAsync("Northwind Games"))!;
        var orders = new TestOrders(app.Services);
        await orders.FundAsync(merchant.Id, 100m);
        var catalog = new TestCatalog(app.Services);
        var item = await catalog.KeyItemAsync(currency: merchant.Currency);
        var codes = await catalog.AddCodesAsync(item.Id, 2);
        var order = (await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, quantity: 2)).Order;
        var dbs = app.Services.GetRequiredService<IDbContextFactory<PortalDb>>();
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = await dbs.CreateDbContextAsync();
            return await db.Orders.AnyAsync(o => o.Id == order.Id && o.Status == OrderStatus.Completed);
        }, "the order is delivered");
        using var client = await SignedInAsync(Roles.Merchant);

        var response = await client.GetAsync($"orders/{order.Id}/codes.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["order", "line", "item", "code"], rows[0]);
        Assert.Equal(codes.Order(), rows.Skip(1).Select(r => r[3]).Order());
        Assert.All(rows.Skip(1), r => Assert.Equal(order.Reference, r[0]));
        await using var check = await dbs.CreateDbContextAsync();
        Assert.True(await check.AuditEntries.AnyAsync(e => e.Action == AuditActions.OrderCodesExported && e.TargetId == order.Id.ToString()));
    }

    [Fact]
    public async Task A_merchant_exports_its_own_filtered_ledger_only()
    {
        var merchants = app.Services.GetRequiredService<MerchantService>();
        var northwind = (await merchants.FindByNameAsync("Northwind Games"))!;
        var contoso = (await merchants.FindByNameAsync("Contoso Mobile"))!;
        var tag = $"Wire {Guid.NewGuid():N}"[..17];
        var ledger = app.Services.GetRequiredService<LedgerService>();
        foreach (var merchant in new[] { northwind, contoso })
        {
            Assert.True((await ledger.AdjustAsync(new AdjustBalance(merchant.Id, BalanceDirection.Credit, 12.5m, tag, Guid.NewGuid().ToString()),
                TestCatalog.Admin)).Succeeded);
        }

        using var client = await SignedInAsync(Roles.Merchant);

        var response = await client.GetAsync($"balance/export.csv?merchant={contoso.Id}&kind=credits&text={Uri.EscapeDataString(tag)}");
        var invalid = await client.GetAsync("balance/export.csv?kind=everything");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(LedgerExportEndpoint.Columns, rows[0]);
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal((tag, "top_up", "USD", "12.50"), (row[2], row[1], row[5], row[6]));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Theory]
    [InlineData("kind=everything", "KIND_INVALID", "kind")]
    // Enum.TryParse would read a number, or a list of names, as a kind; the balance page reads names only.
    [InlineData("kind=3", "KIND_INVALID", "kind")]
    [InlineData("kind=-1", "KIND_INVALID", "kind")]
    [InlineData("kind=credits,debits", "KIND_INVALID", "kind")]
    [InlineData("from=yesterday", "FROM_INVALID", "from")]
    [InlineData("to=2026-13-45", "TO_INVALID", "to")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "DATE_RANGE_INVALID", "to")]
    public async Task A_filter_the_ledger_export_cannot_apply_is_a_problem_with_its_code_and_field(string filter, string code, string field)
    {
        using var client = await SignedInAsync(Roles.Merchant);

        var response = await client.GetAsync($"balance/export.csv?{filter}");

        await AssertProblemAsync(response, code, field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?merchant=northwind")]
    public async Task Staff_exporting_a_ledger_without_a_merchant_id_get_a_problem_at_the_merchant(string query)
    {
        using var client = await SignedInAsync(Roles.Admin);

        var response = await client.GetAsync($"balance/export.csv{query}");

        await AssertProblemAsync(response, "MERCHANT_INVALID", "merchant");
    }

    [Fact]
    public async Task A_merchant_users_export_ignores_the_merchant_in_the_address_even_when_it_is_not_an_id()
    {
        using var client = await SignedInAsync(Roles.Merchant);

        var response = await client.GetAsync("balance/export.csv?merchant=northwind&kind=TopUps");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LedgerExportEndpoint.Columns, CsvText.Parse(await response.Content.ReadAsStringAsync())[0]);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string code, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ExportProblems.InvalidFiltersTitle, problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
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
