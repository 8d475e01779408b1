using System.Globalization;
using System.Net;
using System.Text.Json;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary><c>GET /orders/export.csv</c> through the real app: sign-in cookie, authorization, filters and streaming.</summary>
public sealed class OrdersExportTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private const string Northwind = "Northwind Games";
    private const string Contoso = "Contoso Mobile";

    [Fact]
    public async Task A_merchant_exports_only_its_own_orders_with_a_header_row_and_the_total_count()
    {
        var northwind = await SeedAsync(Northwind, "nw-own");
        var contoso = await SeedAsync(Contoso, "co-own");
        using var client = await SignedInAsync(Roles.Merchant);

        // Even naming another merchant in the address does not widen a merchant user's export.
        var response = await client.GetAsync($"orders/export.csv?merchant={contoso.MerchantId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        // Streamed as the rows are read: no length is known up front.
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Matches(@"^attachment; filename=orders-\d{8}-\d{4}\.csv$", response.Content.Headers.ContentDisposition!.ToString());
        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(OrdersCsv.Columns, rows[0]);
        var data = rows.Skip(1).ToList();
        Assert.Equal(TotalCount(response), data.Count);
        Assert.All(data, row => Assert.Equal(Northwind, Field(row, "merchant")));
        Assert.Contains(data, row => Field(row, "reference") == northwind.Orders[0].Order.Reference);
        Assert.DoesNotContain(data, row => Field(row, "reference") == contoso.Orders[0].Order.Reference);
    }

    [Fact]
    public async Task A_customer_name_that_looks_like_a_formula_is_exported_as_text()
    {
        var seeded = await SeedAsync(Northwind, "formula", customerName: "=HYPERLINK(\"http://evil.example\",\"Refund\")");
        using var client = await SignedInAsync(Roles.Merchant);

        var response = await client.GetAsync($"orders/export.csv?q={Uri.EscapeDataString(seeded.Email)}");

        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Refund\"\")\",", csv, StringComparison.Ordinal);
        var rows = CsvText.Parse(csv).Skip(1).ToList();
        Assert.Equal(seeded.Orders.Count, rows.Count);
        Assert.All(rows, row => Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"Refund\")", Field(row, "customer")));
    }

    [Fact]
    public async Task The_filters_of_the_orders_page_select_the_exported_rows()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var seeded = await SeedAsync(Northwind, "filters", apiOrders: 2, dashboardOrders: 1);
        using var client = await SignedInAsync(Roles.Merchant);
        var search = $"q={Uri.EscapeDataString(seeded.Email)}";

        var api = await client.GetAsync($"orders/export.csv?{search}&source=api&from={today:yyyy-MM-dd}&tz=UTC");
        var before = await client.GetAsync($"orders/export.csv?{search}&to={today.AddDays(-1):yyyy-MM-dd}&tz=UTC");
        var byReference = await client.GetAsync($"orders/export.csv?q={seeded.Orders[^1].Order.Reference}&sort=oldest");

        var apiRows = CsvText.Parse(await api.Content.ReadAsStringAsync()).Skip(1).ToList();
        Assert.Equal(2, TotalCount(api));
        Assert.Equal(2, apiRows.Count);
        Assert.All(apiRows, row => Assert.Equal("api", Field(row, "source")));
        Assert.Equal(0, TotalCount(before));
        Assert.Single(CsvText.Parse(await before.Content.ReadAsStringAsync()));
        var single = Assert.Single(CsvText.Parse(await byReference.Content.ReadAsStringAsync()).Skip(1));
        var order = seeded.Orders[^1].Order;
        Assert.Equal(order.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), Field(single, "created_at"));
        Assert.Equal("USD", Field(single, "currency"));
        Assert.Equal((order.TotalMinor / 100m).ToString("F2", CultureInfo.InvariantCulture), Field(single, "total"));
        Assert.Equal("3", Field(single, "units"));
    }

    [Fact]
    public async Task Staff_export_one_merchant_by_naming_it_in_the_address()
    {
        var contoso = await SeedAsync(Contoso, "staff");
        using var client = await SignedInAsync(Roles.Support);

        var response = await client.GetAsync($"orders/export.csv?merchant={contoso.MerchantId}");

        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync()).Skip(1).ToList();
        Assert.Equal(TotalCount(response), rows.Count);
        Assert.All(rows, row => Assert.Equal(Contoso, Field(row, "merchant")));
        Assert.Contains(rows, row => Field(row, "reference") == contoso.Orders[0].Order.Reference);
    }

    [Theory]
    [InlineData("status=shipped", "FILTER_INVALID", "status")]
    [InlineData("payment=free", "FILTER_INVALID", "payment")]
    [InlineData("from=2026-13-45", "FILTER_INVALID", "from")]
    [InlineData("from=2026-02-01&to=2026-01-01", "DATE_RANGE_INVALID", "from")]
    [InlineData("item=-4", "FILTER_INVALID", "item")]
    [InlineData("merchant=not-a-guid", "FILTER_INVALID", "merchant")]
    [InlineData("tz=Mars%2FOlympus_Mons", "TIME_ZONE_INVALID", "tz")]
    public async Task A_filter_value_that_makes_no_sense_is_a_400_problem_with_a_code(string query, string code, string field)
    {
        using var client = await SignedInAsync(Roles.Merchant);

        var response = await client.GetAsync($"orders/export.csv?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Without_signing_in_the_export_redirects_to_the_sign_in_page()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("orders/export.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = app.CreateBrowserlikeClient();
        var user = app.DemoUser(role);
        var signIn = await SsrForm.SignInAsync(client, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>Orders of three units for one new customer of a demo merchant, paid from its balance.</summary>
    private async Task<Seeded> SeedAsync(string merchantName, string tag, int apiOrders = 0, int dashboardOrders = 1, string? customerName = null)
    {
        var merchant = (await app.Services.GetRequiredService<MerchantService>().FindByNameAsync(merchantName))!;
        var orders = new TestOrders(app.Services);
        await orders.FundAsync(merchant.Id, 1_000m);
        var item = await new TestCatalog(app.Services).KeyItemAsync(currency: merchant.Currency, codes: 3 * (apiOrders + dashboardOrders));
        var email = $"{tag}-{Guid.NewGuid():N}@test.example";
        var placed = new List<OrderDetails>();
        foreach (var source in Enumerable.Repeat(OrderSource.Api, apiOrders).Concat(Enumerable.Repeat(OrderSource.Dashboard, dashboardOrders)))
        {
            placed.Add(await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, quantity: 3, customerEmail: email, customerName: customerName, source: source));
        }

        return new Seeded(merchant.Id, email, placed);
    }

    private static int TotalCount(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);

    private static string Field(IReadOnlyList<string> row, string column) => row[OrdersCsv.Columns.ToList().IndexOf(column)];

    private sealed record Seeded(Guid MerchantId, string Email, IReadOnlyList<OrderDetails> Orders);
}
