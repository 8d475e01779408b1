using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Api;

/// <summary>The app with its job worker off, so orders stay pending (cancellable, undelivered) for as long as a test needs.</summary>
public sealed class ApiAppWithoutWorker : ApiApp
{
    public ApiAppWithoutWorker() => Settings["Jobs:RunWorker"] = "false";
}

public sealed class IdempotencyApiTests(ApiAppWithoutWorker app) : IClassFixture<ApiAppWithoutWorker>
{
    [Fact]
    public async Task Twenty_concurrent_posts_with_one_key_make_exactly_one_order()
    {
        var merchant = await app.MerchantAsync(balance: 1000m);
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 1);
        var body = new { item_id = item.Id, customer = new { email = "same@example.test" } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => merchant.PostAsync("api/v1/orders", body, "concurrent-key")));

        var orders = await app.DbAsync(db => db.Orders.CountAsync(o => o.MerchantId == merchant.Id));
        Assert.Equal(1, orders);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Single(created, r => !r.Headers.Contains("Idempotent-Replayed"));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("IDEMPOTENCY_IN_PROGRESS", (await ApiJson.ReadAsync(conflict)).Code());
        }

        var balance = await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/balance");
        Assert.Equal(1000_00 - 100, balance.GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task A_replay_returns_the_current_order_with_201_and_the_replay_header_and_goes_on_the_timeline()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 1);
        var body = new { item_id = item.Id, customer = new { email = "r@example.test" } };
        using var first = await merchant.PostAsync("api/v1/orders", body, "replay-key");
        var order = await ApiJson.ReadAsync(first);

        using var again = await merchant.PostAsync("api/v1/orders", body, "replay-key");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var replayed = await ApiJson.ReadAsync(again);
        Assert.Equal(order.Id(), replayed.Id());
        Assert.True(replayed.GetProperty("replayed").GetBoolean());
        var events = await app.DbAsync(db => db.OrderEvents.Where(e => e.OrderId == order.Id() && e.Type == "request.replayed").Select(e => e.Message).ToListAsync());
        Assert.Contains("replay-key", Assert.Single(events), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict_and_so_is_a_reused_merchant_order_id()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 1);
        await merchant.OrderAsync(item, idempotencyKey: "k-1");
        using var first = await merchant.PostAsync("api/v1/orders", new { item_id = item.Id, merchant_order_id = "MO-1", customer = new { email = "a@example.test" } });

        using var otherBody = await merchant.PostAsync("api/v1/orders", new { item_id = item.Id, quantity = 2, customer = new { email = "b@example.test" } }, "k-1");
        using var otherOrder = await merchant.PostAsync("api/v1/orders", new { item_id = item.Id, quantity = 3, merchant_order_id = "MO-1", customer = new { email = "a@example.test" } });

        Assert.Equal(HttpStatusCode.Conflict, otherBody.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_CONFLICT", (await ApiJson.ReadAsync(otherBody)).Code());
        Assert.Equal(HttpStatusCode.Conflict, otherOrder.StatusCode);
        Assert.Equal("MERCHANT_ORDER_ID_CONFLICT", (await ApiJson.ReadAsync(otherOrder)).Code());
    }

    [Fact]
    public async Task A_cancel_sent_again_with_its_key_replays_and_a_refused_first_attempt_is_not_remembered()
    {
        var merchant = await app.MerchantAsync();
        var order = await merchant.OrderAsync(await app.Catalog.KeyItemAsync(codes: 1));
        using var wrongOrder = await merchant.PostAsync($"api/v1/orders/{Guid.NewGuid()}/cancel", null, "cancel-key");
        Assert.Equal(HttpStatusCode.NotFound, wrongOrder.StatusCode);

        using var cancelled = await merchant.PostAsync($"api/v1/orders/{order.Id()}/cancel", new { reason = "Customer changed their mind" }, "cancel-key-2");
        using var again = await merchant.PostAsync($"api/v1/orders/{order.Id()}/cancel", new { reason = "Customer changed their mind" }, "cancel-key-2");
        using var otherBody = await merchant.PostAsync($"api/v1/orders/{order.Id()}/cancel", new { reason = "Another reason" }, "cancel-key-2");
        using var withoutKey = await merchant.PostAsync($"api/v1/orders/{order.Id()}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await ApiJson.ReadAsync(cancelled)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var replay = await ApiJson.ReadAsync(again);
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        Assert.Equal("refunded", replay.GetProperty("payment_status").GetString());
        Assert.Equal("IDEMPOTENCY_KEY_CONFLICT", (await ApiJson.ReadAsync(otherBody)).Code());
        Assert.Equal("ORDER_NOT_CANCELLABLE", (await ApiJson.ReadAsync(withoutKey)).Code());
    }

    [Fact]
    public async Task A_retried_refund_with_the_same_key_replays_instead_of_answering_already_refunded()
    {
        var merchant = await app.MerchantAsync();
        var order = await merchant.OrderAsync(await app.Catalog.KeyItemAsync(codes: 0), quantity: 2);
        var body = new { reason = "undelivered" };

        using var first = await merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds", body, "refund-key");
        using var again = await merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds", body, "refund-key");
        using var withoutKey = await merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var refund = await ApiJson.ReadAsync(first);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(refund.Id(), (await ApiJson.ReadAsync(again)).Id());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutKey.StatusCode);
        Assert.Equal(1, await app.DbAsync(db => db.Refunds.CountAsync(r => r.OrderId == order.Id())));
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_refused()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 1);

        using var response = await merchant.PostAsync("api/v1/orders", new { item_id = item.Id, customer = new { email = "x@example.test" } }, new string('k', 256));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_TOO_LONG", (await ApiJson.ReadAsync(response)).GetProperty("errors")[0].GetProperty("code").GetString());
    }
}
