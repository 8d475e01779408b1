using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Api;

/// <summary>A merchant's key never reads or changes another merchant's data: one test per endpoint.</summary>
public sealed class MerchantIsolationApiTests(ApiAppWithoutWorker app) : IClassFixture<ApiAppWithoutWorker>
{
    private async Task<(ApiMerchant Owner, ApiMerchant Other, JsonElement Order)> TwoMerchantsAsync()
    {
        var owner = await app.MerchantAsync(balance: 100m);
        var other = await app.MerchantAsync(balance: 10m);
        var order = await owner.OrderAsync(await app.Catalog.KeyItemAsync(codes: 0), quantity: 2);
        return (owner, other, order);
    }

    [Fact]
    public async Task Another_merchants_order_cannot_be_read()
    {
        var (_, other, order) = await TwoMerchantsAsync();

        using var response = await other.Http.GetAsync($"api/v1/orders/{order.Id()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ORDER_NOT_FOUND", (await ApiJson.ReadAsync(response)).Code());
    }

    [Fact]
    public async Task Another_merchants_orders_are_not_listed_even_by_their_merchant_order_id_or_as_a_cursor()
    {
        var (_, other, order) = await TwoMerchantsAsync();

        var list = await other.Http.GetFromJsonAsync<JsonElement>("api/v1/orders?limit=100");
        using var cursor = await other.Http.GetAsync($"api/v1/orders?starting_after={order.Id()}");

        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), o => o.Id() == order.Id());
        Assert.NotEqual(HttpStatusCode.OK, cursor.StatusCode);
    }

    [Fact]
    public async Task Another_merchants_order_cannot_be_cancelled()
    {
        var (owner, other, order) = await TwoMerchantsAsync();

        using var response = await other.PostAsync($"api/v1/orders/{order.Id()}/cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var current = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{order.Id()}");
        Assert.Equal("pending", current.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_merchants_order_cannot_be_refunded()
    {
        var (_, other, order) = await TwoMerchantsAsync();

        using var response = await other.PostAsync($"api/v1/orders/{order.Id()}/refunds", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.DbAsync(db => db.Refunds.CountAsync(r => r.OrderId == order.Id())));
    }

    [Fact]
    public async Task Another_merchants_refunds_cannot_be_listed()
    {
        var (owner, other, order) = await TwoMerchantsAsync();
        using var refund = await owner.PostAsync($"api/v1/orders/{order.Id()}/refunds", null);
        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);

        using var response = await other.Http.GetAsync($"api/v1/orders/{order.Id()}/refunds");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_order_cannot_be_placed_for_another_merchants_customer()
    {
        var (_, other, order) = await TwoMerchantsAsync();
        var customerId = order.GetProperty("customer").GetProperty("id").GetGuid();
        var before = await app.DbAsync(db => db.Orders.CountAsync());

        using var response = await other.PostAsync("api/v1/orders", new { item_id = order.GetProperty("item_id").GetInt64(), customer_id = customerId });

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity, response.StatusCode.ToString());
        Assert.Equal(before, await app.DbAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task The_same_idempotency_key_is_separate_per_merchant()
    {
        var (owner, other, _) = await TwoMerchantsAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 2);

        var first = await owner.OrderAsync(item, idempotencyKey: "shared-key");
        var second = await other.OrderAsync(item, idempotencyKey: "shared-key");

        Assert.NotEqual(first.Id(), second.Id());
        Assert.False(second.GetProperty("replayed").GetBoolean());
    }

    [Fact]
    public async Task The_balance_is_the_keys_own_merchants()
    {
        var (_, other, _) = await TwoMerchantsAsync();

        var balance = await other.Http.GetFromJsonAsync<JsonElement>("api/v1/balance");

        Assert.Equal(1000, balance.GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task Balance_entries_are_the_keys_own_merchants()
    {
        var (_, other, _) = await TwoMerchantsAsync();

        var entries = await other.Http.GetFromJsonAsync<JsonElement>("api/v1/balance/entries?limit=100");

        var entry = Assert.Single(entries.GetProperty("data").EnumerateArray());
        Assert.Equal(1000, entry.GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task The_catalog_is_shared_and_shows_every_merchant_only_active_items()
    {
        var (owner, other, _) = await TwoMerchantsAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 1);

        var seenByOwner = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/items/{item.Id}");
        var seenByOther = await other.Http.GetFromJsonAsync<JsonElement>($"api/v1/items/{item.Id}");

        Assert.Equal(seenByOwner.GetProperty("stock").GetInt32(), seenByOther.GetProperty("stock").GetInt32());
    }
}
