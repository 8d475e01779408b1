using System.Globalization;
using System.Net;
using System.Text.Json;
using MerchantPortal.Auditing;
using MerchantPortal.Customers;
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
        Assert.Matches(@"^attachment; filename=orders-northwind-games-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition!.ToString());
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
    public async Task Each_order_row_has_its_subtotal_fees_taxes_total_refunded_undelivered_units_and_payment_method()
    {
        var seeded = await SeedAsync(Northwind, "amounts");
        using var client = await SignedInAsync(Roles.Merchant);

        var response = await client.GetAsync($"orders/export.csv?q={Uri.EscapeDataString(seeded.Email)}");

        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(OrdersCsv.Columns, rows[0]);
        var row = Assert.Single(rows.Skip(1));
        var order = seeded.Orders[0].Order;
        Assert.Equal(Major(order.SubtotalMinor), Field(row, "subtotal"));
        Assert.Equal(Major(order.FeeMinor), Field(row, "fees"));
        Assert.Equal(Major(order.TaxMinor), Field(row, "taxes"));
        Assert.Equal(Major(order.TotalMinor), Field(row, "total"));
        Assert.Equal("0.00", Field(row, "refunded"));
        Assert.Equal("balance", Field(row, "payment_method"));
        Assert.Equal("", Field(row, "card"));
        var (units, delivered) = (int.Parse(Field(row, "units"), CultureInfo.InvariantCulture), int.Parse(Field(row, "delivered_units"), CultureInfo.InvariantCulture));
        Assert.Equal(3, units);
        Assert.Equal((units - delivered).ToString(CultureInfo.InvariantCulture), Field(row, "undelivered_units"));
    }

    [Fact]
    public async Task One_row_per_line_gives_each_line_with_its_own_amounts_adding_up_to_the_order()
    {
        var merchant = (await app.Services.GetRequiredService<MerchantService>().FindByNameAsync(Northwind))!;
        await new TestOrders(app.Services).FundAsync(merchant.Id, 1_000m);
        var catalog = new TestCatalog(app.Services);
        var first = await catalog.KeyItemAsync(currency: merchant.Currency, unitPriceMinor: 1000, codes: 5);
        var second = await catalog.KeyItemAsync(currency: merchant.Currency, unitPriceMinor: 250, codes: 5);
        var email = $"lines-{Guid.NewGuid():N}@test.example";
        var placed = await app.Services.GetRequiredService<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: email), [new PlaceOrderLine(first.Id, 1), new PlaceOrderLine(second.Id, 2)],
                PaymentChoice.Balance, OrderSource.Dashboard),
            Actor.User("lines-user", "lines@test.example", merchant.Id, Roles.Merchant));
        Assert.True(placed.Succeeded, placed.Error?.Message);
        var order = placed.Value.Order.Order;
        using var client = await SignedInAsync(Roles.Merchant);

        var response = await client.GetAsync($"orders/export.csv?q={Uri.EscapeDataString(email)}&rows=lines");

        Assert.Equal(2, TotalCount(response));
        Assert.EndsWith("-lines.csv", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(OrdersCsv.LineColumns, rows[0]);
        var lines = rows.Skip(1).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, row => Assert.Equal(order.Reference, Field(row, "reference")));
        Assert.Equal(["1", "2"], lines.Select(row => LineField(row, "line")));
        Assert.Equal([first.Sku, second.Sku], lines.Select(row => LineField(row, "sku")));
        Assert.Equal([first.Name, second.Name], lines.Select(row => LineField(row, "item")));
        Assert.Equal(["1", "2"], lines.Select(row => Field(row, "units")));
        Assert.Equal(order.Lines.Select(l => Major(l.TotalMinor)), lines.Select(row => Field(row, "total")));
        Assert.Equal(Major(order.TotalMinor), Major(lines.Sum(row => (long)(decimal.Parse(Field(row, "total"), CultureInfo.InvariantCulture) * 100))));
        Assert.Equal(Major(order.TaxMinor), Major(lines.Sum(row => (long)(decimal.Parse(Field(row, "taxes"), CultureInfo.InvariantCulture) * 100))));
    }

    [Theory]
    [InlineData("status=failed&from=2026-11-01&to=2026-11-30&tz=UTC", "orders-northwind-games-failed-2026-11-01_2026-11-30.csv")]
    [InlineData("status=failed&status=partial&payment=refunded&from=2026-11-01&tz=UTC", "orders-northwind-games-partial-failed-payment-refunded-from-2026-11-01.csv")]
    [InlineData("q=Amara%20Haddad&source=api&to=2026-11-30&rows=lines", "orders-northwind-games-api-search-amara-haddad-to-2026-11-30-lines.csv")]
    public async Task The_file_name_says_the_merchant_and_the_filter(string query, string fileName)
    {
        using var client = await SignedInAsync(Roles.Merchant);

        var response = await client.GetAsync($"orders/export.csv?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"attachment; filename={fileName}", response.Content.Headers.ContentDisposition!.ToString());
    }

    [Fact]
    public async Task Staff_without_a_merchant_filter_export_all_with_the_day_in_the_file_name()
    {
        using var client = await SignedInAsync(Roles.Support);

        var response = await client.GetAsync("orders/export.csv?to=2026-11-30");
        var unfiltered = await client.GetAsync("orders/export.csv");

        Assert.Equal("orders-all-to-2026-11-30.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Matches(@"^orders-all-\d{4}-\d{2}-\d{2}\.csv$", unfiltered.Content.Headers.ContentDisposition!.FileName);
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
    [InlineData("rows=everything", "FILTER_INVALID", "rows")]
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

    private static string LineField(IReadOnlyList<string> row, string column) => row[OrdersCsv.LineColumns.ToList().IndexOf(column)];

    private static string Major(long minor) => (minor / 100m).ToString("F2", CultureInfo.InvariantCulture);

    private sealed record Seeded(Guid MerchantId, string Email, IReadOnlyList<OrderDetails> Orders);
}
