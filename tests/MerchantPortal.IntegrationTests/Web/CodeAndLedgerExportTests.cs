using System.Net;
using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
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

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = app.CreateBrowserlikeClient();
        var user = app.DemoUser(role);
        var signIn = await SsrForm.SignInAsync(client, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}
