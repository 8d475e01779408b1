using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed class OrdersApiTests(ApiApp app)
{
    private static readonly string[] VipTag = ["vip"];

    [Fact]
    public async Task A_single_item_order_is_placed_paid_from_the_balance_and_delivers_its_codes()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 5);

        using var response = await merchant.PostAsync("api/v1/orders", new
        {
            item_id = item.Id, quantity = 2, merchant_order_id = "R-1", customer = new { email = "buyer@example.test", first_name = "Ann", last_name = "Buyer" },
            notes = "Gift", tags = VipTag, metadata = new Dictionary<string, string> { ["crm"] = "42" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await ApiJson.ReadAsync(response);
        Assert.Equal($"/api/v1/orders/{order.Id()}", response.Headers.Location!.ToString());
        Assert.Equal("order", order.GetProperty("object").GetString());
        Assert.Matches("^MP-\\d{6}$", order.GetProperty("number").GetString());
        Assert.Equal("pending", order.GetProperty("status").GetString());
        Assert.Equal("paid", order.GetProperty("payment_status").GetString());
        Assert.Equal(1000, order.GetProperty("total").GetInt64());
        Assert.Equal("$10.00", order.GetProperty("total_formatted").GetString());
        Assert.Equal("api", order.GetProperty("source").GetString());
        Assert.Equal("api_key", order.GetProperty("created_by").GetProperty("type").GetString());
        Assert.Equal(merchant.Key.Key.Id.ToString(), order.GetProperty("created_by").GetProperty("id").GetString());
        Assert.Equal("Ann Buyer", order.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("R-1", order.GetProperty("merchant_order_id").GetString());
        Assert.Equal("42", order.GetProperty("metadata").GetProperty("crm").GetString());
        Assert.Equal(item.Id, order.GetProperty("item_id").GetInt64());
        Assert.False(order.GetProperty("replayed").GetBoolean());

        var settled = await merchant.SettledAsync(order.Id());
        Assert.Equal("completed", settled.GetProperty("status").GetString());
        Assert.Equal(2, settled.GetProperty("delivered_quantity").GetDecimal());
        Assert.Equal(2, settled.GetProperty("codes").GetArrayLength());
        Assert.StartsWith("CODE-", settled.GetProperty("lines")[0].GetProperty("codes")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrieving_codes_is_audited_once_per_key_and_order_not_on_every_poll()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 2);
        var order = await merchant.OrderAsync(item);
        await merchant.SettledAsync(order.Id());

        await merchant.Http.GetStringAsync($"api/v1/orders/{order.Id()}");
        await merchant.Http.GetStringAsync($"api/v1/orders/{order.Id()}");

        var audits = await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "order.codes_retrieved" && e.TargetId == order.Id().ToString()));
        Assert.Equal(1, audits);
    }

    [Fact]
    public async Task The_list_shows_each_orders_own_codes_and_audits_each_order_once_per_key()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 3);
        var first = await merchant.OrderAsync(item);
        var second = await merchant.OrderAsync(item, quantity: 2);
        await merchant.SettledAsync(first.Id());
        await merchant.SettledAsync(second.Id());

        using var list = JsonDocument.Parse(await merchant.Http.GetStringAsync("api/v1/orders"));
        await merchant.Http.GetStringAsync("api/v1/orders");
        await merchant.Http.GetStringAsync($"api/v1/orders/{first.Id()}");

        var codesPerOrder = list.RootElement.GetProperty("data").EnumerateArray().ToDictionary(
            o => o.Id(), o => o.GetProperty("lines").EnumerateArray().SelectMany(l => l.GetProperty("codes").EnumerateArray()).Select(c => c.GetString()).ToList());
        Assert.Equal([second.Id(), first.Id()], codesPerOrder.Keys);
        Assert.Single(codesPerOrder[first.Id()]);
        Assert.Equal(2, codesPerOrder[second.Id()].Count);
        Assert.Equal(3, codesPerOrder.Values.SelectMany(c => c).Distinct().Count());
        string[] orderIds = [first.Id().ToString(), second.Id().ToString()];
        var audits = await app.DbAsync(db => db.AuditEntries.Where(e => e.Action == "order.codes_retrieved" && orderIds.Contains(e.TargetId)).Select(e => e.TargetId).ToListAsync());
        Assert.Equal(orderIds.Order(), audits.Order());
    }

    [Fact]
    public async Task An_order_with_one_line_delivered_and_one_out_of_stock_reads_with_the_codes_it_has()
    {
        var merchant = await app.MerchantAsync();
        var inStock = await app.Catalog.KeyItemAsync(codes: 1);
        var soldOut = await app.Catalog.KeyItemAsync();
        using var placed = await merchant.PostAsync("api/v1/orders", new
        {
            lines = new object[] { new { item_id = inStock.Id, quantity = 1 }, new { item_id = soldOut.Id, quantity = 1 } },
            customer = new { email = "two-lines@example.com" },
        });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await ApiJson.ReadAsync(placed)).Id();
        await merchant.SettledAsync(orderId);

        using var response = await merchant.Http.GetAsync($"api/v1/orders/{orderId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var order = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("partial", order.RootElement.GetProperty("status").GetString());
        Assert.Equal([1, 0], order.RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("codes").GetArrayLength()));
    }

    [Fact]
    public async Task A_multi_line_order_takes_a_top_up_face_value_and_a_choice_by_its_numeric_id()
    {
        var merchant = await app.MerchantAsync();
        var key = await app.Catalog.KeyItemAsync(codes: 3);
        var topUp = await app.Catalog.TopUpItemAsync();

        using var response = await merchant.PostAsync("api/v1/orders", new
        {
            lines = new object[]
            {
                new { item_id = key.Id, quantity = 1 },
                new { item_id = topUp.Id, quantity = 25.00m, fields = new Dictionary<string, object> { ["phone_number"] = "+4912345678", ["network"] = 2 } },
            },
            customer = new { phone = "+4912345678" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await ApiJson.ReadAsync(response);
        var lines = order.GetProperty("lines");
        Assert.Equal(2, lines.GetArrayLength());
        Assert.Equal("top_up", lines[1].GetProperty("item_product_type").GetString());
        Assert.Equal(25m, lines[1].GetProperty("quantity").GetDecimal());
        Assert.Equal("Orange", lines[1].GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "network").GetProperty("display").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("item_id").ValueKind);
    }

    [Fact]
    public async Task An_order_is_retrieved_by_id_and_an_unknown_id_is_a_404_problem()
    {
        var merchant = await app.MerchantAsync();
        var order = await merchant.OrderAsync(await app.Catalog.KeyItemAsync(codes: 1));

        var found = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{order.Id()}");
        using var missing = await merchant.Http.GetAsync($"api/v1/orders/{Guid.NewGuid()}");

        Assert.Equal(order.Id(), found.Id());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal("ORDER_NOT_FOUND", (await ApiJson.ReadAsync(missing)).Code());
    }

    [Fact]
    public async Task The_list_is_filtered_and_paged_with_cursors()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 10);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await merchant.OrderAsync(item)).Id());
        }

        var first = await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/orders?limit=2");
        Assert.Equal("list", first.GetProperty("object").GetString());
        Assert.Equal("/api/v1/orders", first.GetProperty("url").GetString());
        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.Equal([ids[4], ids[3]], first.GetProperty("data").EnumerateArray().Select(o => o.Id()));

        var next = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders?limit=2&starting_after={ids[3]}");
        Assert.Equal([ids[2], ids[1]], next.GetProperty("data").EnumerateArray().Select(o => o.Id()));

        var last = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders?limit=10&starting_after={ids[1]}");
        Assert.Equal([ids[0]], last.GetProperty("data").EnumerateArray().Select(o => o.Id()));
        Assert.False(last.GetProperty("has_more").GetBoolean());

        var back = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders?limit=2&ending_before={ids[1]}");
        Assert.Equal([ids[3], ids[2]], back.GetProperty("data").EnumerateArray().Select(o => o.Id()));

        var byItem = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders?item_id={item.Id}&payment_status=paid&limit=100");
        Assert.Equal(5, byItem.GetProperty("data").GetArrayLength());
        var none = await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/orders?status=cancelled");
        Assert.Equal(0, none.GetProperty("data").GetArrayLength());
        var future = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders?created[gte]={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal(0, future.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task The_external_reference_is_echoed_and_the_list_finds_orders_by_it_and_by_merchant_order_id()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 3);
        using var placed = await merchant.PostAsync("api/v1/orders",
            new { item_id = item.Id, merchant_order_id = "MO-77", external_reference = "INV-2026-001", customer = new { email = "e@example.test" } });
        var order = await ApiJson.ReadAsync(placed);
        await merchant.OrderAsync(item);

        var byReference = await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/orders?external_reference=INV-2026-001");
        var byMerchantOrderId = await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/orders?merchant_order_id=MO-77");

        Assert.Equal("INV-2026-001", order.GetProperty("external_reference").GetString());
        Assert.Equal([order.Id()], byReference.GetProperty("data").EnumerateArray().Select(o => o.Id()));
        Assert.Equal([order.Id()], byMerchantOrderId.GetProperty("data").EnumerateArray().Select(o => o.Id()));
    }

    [Fact]
    public async Task Bad_list_parameters_are_all_reported_at_once()
    {
        var merchant = await app.MerchantAsync();

        using var response = await merchant.Http.GetAsync("api/v1/orders?limit=500&status=shipped&created[gte]=yesterday");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ApiJson.ReadAsync(response);
        Assert.Equal("VALIDATION_FAILED", problem.Code());
        Assert.Equal(["created[gte]", "limit", "status"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order());
    }

    [Fact]
    public async Task A_completed_order_is_not_cancellable()
    {
        var merchant = await app.MerchantAsync(balance: 20m);
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 1);
        var completed = await merchant.OrderAsync(item);
        await merchant.SettledAsync(completed.Id());

        using var refused = await merchant.PostAsync($"api/v1/orders/{completed.Id()}/cancel", new { reason = "Changed mind" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("ORDER_NOT_CANCELLABLE", (await ApiJson.ReadAsync(refused)).Code());
    }

    [Fact]
    public async Task Validation_lists_every_error_and_changes_nothing()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 1, maxQuantity: 5);
        var before = await app.DbAsync(db => db.Orders.CountAsync());

        using var response = await merchant.PostAsync("api/v1/orders", new
        {
            lines = new[] { new { item_id = item.Id, quantity = 50 } },
            customer = new { email = "x@example.test" },
            merchant_order_id = new string('m', 101),
            notes = new string('n', 2001),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ApiJson.ReadAsync(response);
        Assert.Equal("VALIDATION_FAILED", problem.Code());
        var codes = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.True(codes.Count >= 2, string.Join(", ", codes));
        Assert.Contains("MERCHANT_ORDER_ID_TOO_LONG", codes);
        Assert.Equal(before, await app.DbAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task Sending_both_order_shapes_is_a_validation_error()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 1);

        using var response = await merchant.PostAsync("api/v1/orders", new
        {
            item_id = item.Id, lines = new[] { new { item_id = item.Id, quantity = 1 } }, customer = new { email = "x@example.test" },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ApiJson.ReadAsync(response);
        Assert.Equal("VALIDATION_FAILED", problem.Code());
        Assert.Equal("ORDER_SHAPE_CONFLICT", problem.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("INSUFFICIENT_BALANCE")]
    [InlineData("ITEM_INACTIVE")]
    public async Task State_rules_answer_422_with_their_own_code_and_change_nothing(string code)
    {
        var merchant = await app.MerchantAsync(balance: code == "INSUFFICIENT_BALANCE" ? 1m : 100m);
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: 5000, codes: 1);
        if (code == "ITEM_INACTIVE")
        {
            await app.Get<MerchantPortal.Catalog.CatalogService>().SetActiveAsync(item.Id, false, MerchantPortal.Testing.TestCatalog.Admin);
        }

        var before = await app.DbAsync(db => db.Orders.CountAsync(o => o.MerchantId == merchant.Id));

        using var response = await merchant.PostAsync("api/v1/orders", new { item_id = item.Id, customer = new { email = "x@example.test" } });

        var problem = await ApiJson.ReadAsync(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(code, problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.DbAsync(db => db.Orders.CountAsync(o => o.MerchantId == merchant.Id)));
    }
}
