using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MerchantPortal.Approvals;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;

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

    [Fact]
    public async Task A_refund_over_the_merchants_approval_threshold_waits_as_pending_approval_and_moves_no_money()
    {
        var merchant = await app.MerchantAsync(balance: 100m);
        await app.Get<MerchantService>().UpdateRefundSettingsAsync(
            merchant.Id, MerchantRefundSettings.Default with { ApprovalThresholdMinor = 500 }, TestCatalog.Admin);
        var order = await merchant.OrderAsync(await app.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 1), quantity: 3);
        Assert.Equal("partial", (await merchant.SettledAsync(order.Id())).GetProperty("status").GetString());
        var balanceBefore = await AvailableAsync(merchant);

        using var response = await merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds", new { reason = "undelivered" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var refund = await ApiJson.ReadAsync(response);
        Assert.Equal("pending_approval", refund.GetProperty("status").GetString());
        Assert.Equal(1000, refund.GetProperty("amount").GetInt64());
        Assert.Equal("balance", refund.GetProperty("destination").GetString());
        Assert.Equal(JsonValueKind.Null, refund.GetProperty("completed_at").ValueKind);

        Assert.Equal(balanceBefore, await AvailableAsync(merchant));
        var refreshed = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{order.Id()}");
        Assert.Equal(("paid", 0L), (refreshed.GetProperty("payment_status").GetString(), refreshed.GetProperty("refund_amount").GetInt64()));
        var listed = Assert.Single((await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{order.Id()}/refunds")).GetProperty("data").EnumerateArray());
        Assert.Equal((refund.Id(), "pending_approval"), (listed.Id(), listed.GetProperty("status").GetString()));
        var approval = Assert.Single(await app.Get<ApprovalService>().ListPendingAsync(TestActors.Support, merchant.Id));
        Assert.Equal(refund.Id().ToString(), approval.SubjectId);

        // Its units are held while it waits: they cannot be refunded a second time.
        using var again = await merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("NOTHING_TO_REFUND", (await ApiJson.ReadAsync(again)).Code());
    }

    [Fact]
    public async Task Undelivered_units_of_a_card_order_are_refunded_to_the_card_with_one_stripe_refund()
    {
        var merchant = await app.MerchantAsync(balance: 10m);
        var order = await merchant.PartialCardOrderAsync(units: 3, inStock: 1);
        var lineId = order.GetProperty("lines")[0].GetProperty("id").GetInt64();
        var paymentIntentId = order.GetProperty("payment").GetProperty("payment_intent_id").GetString()!;

        using var response = await merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds",
            new { lines = new[] { new { line_id = lineId, quantity = 2 } }, destination = "original_payment_method" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var refund = await ApiJson.ReadAsync(response);
        Assert.Equal("original_payment_method", refund.GetProperty("destination").GetString());
        Assert.Equal("succeeded", refund.GetProperty("status").GetString());
        Assert.Equal(5000, refund.GetProperty("amount").GetInt64());
        var stripeRefundId = refund.GetProperty("stripe_refund_id").GetString();
        Assert.StartsWith("re_", stripeRefundId, StringComparison.Ordinal);

        var stripeRefund = Assert.Single(await app.StripeRefundsAsync(paymentIntentId));
        Assert.Equal((stripeRefundId, 5000L, "succeeded"), (stripeRefund.Id, stripeRefund.Amount, stripeRefund.Status));
        Assert.Equal(refund.Id().ToString(), stripeRefund.Metadata["refund_id"]);
        var refreshed = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{order.Id()}");
        Assert.Equal(("partially_refunded", 5000L), (refreshed.GetProperty("payment_status").GetString(), refreshed.GetProperty("refund_amount").GetInt64()));
        Assert.Equal(1000, await AvailableAsync(merchant));
    }

    private static async Task<long> AvailableAsync(ApiMerchant merchant) =>
        (await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/balance")).GetProperty("available").GetInt64();
}
