using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MerchantPortal.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed class RefundsApiTests(ApiApp app)
{
    [Fact]
    public async Task Undelivered_units_of_a_partial_order_are_refunded_to_the_balance_and_listed()
    {
        var merchant = await app.MerchantAsync(balance: 100m);
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 1);
        var order = await merchant.OrderAsync(item, quantity: 3);
        var partial = await merchant.SettledAsync(order.Id());
        Assert.Equal("partial", partial.GetProperty("status").GetString());
        var lineId = partial.GetProperty("lines")[0].GetProperty("id").GetInt64();

        using var response = await merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds",
            new { lines = new[] { new { line_id = lineId, quantity = 1 } }, destination = "balance", reason = "undelivered", note = "One short" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var refund = await ApiJson.ReadAsync(response);
        Assert.Equal("refund", refund.GetProperty("object").GetString());
        Assert.Equal("succeeded", refund.GetProperty("status").GetString());
        Assert.Equal(500, refund.GetProperty("amount").GetInt64());
        Assert.Equal("$5.00", refund.GetProperty("amount_formatted").GetString());
        Assert.Equal("balance", refund.GetProperty("destination").GetString());
        Assert.Equal(lineId, refund.GetProperty("lines")[0].GetProperty("line_id").GetInt64());

        using var rest = await merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds", null);
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        Assert.Equal(500, (await ApiJson.ReadAsync(rest)).GetProperty("amount").GetInt64());

        using var nothingLeft = await merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothingLeft.StatusCode);

        var list = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{order.Id()}/refunds");
        Assert.Equal(2, list.GetProperty("data").GetArrayLength());
        var refreshed = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{order.Id()}");
        Assert.Equal(1000, refreshed.GetProperty("refund_amount").GetInt64());
        Assert.Equal(2, refreshed.GetProperty("lines")[0].GetProperty("refunded_quantity").GetDecimal());
    }

    [Fact]
    public async Task A_refund_of_more_units_than_are_left_is_refused_and_changes_nothing()
    {
        var merchant = await app.MerchantAsync(balance: 100m);
        var order = await merchant.OrderAsync(await app.Catalog.KeyItemAsync(codes: 1), quantity: 2);
        var settled = await merchant.SettledAsync(order.Id());
        var lineId = settled.GetProperty("lines")[0].GetProperty("id").GetInt64();

        using var response = await merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds", new { lines = new[] { new { line_id = lineId, quantity = 2 } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("REFUND_UNITS_UNAVAILABLE", (await ApiJson.ReadAsync(response)).ToString(), StringComparison.Ordinal);
        var list = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{order.Id()}/refunds");
        Assert.Equal(0, list.GetProperty("data").GetArrayLength());
    }
}
