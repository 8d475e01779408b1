using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MerchantPortal.Catalog;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed class CatalogAndBalanceApiTests(ApiApp app)
{
    [Fact]
    public async Task The_catalog_export_has_bounds_fields_with_choice_ids_and_stock()
    {
        var merchant = await app.MerchantAsync();
        var key = await app.Catalog.KeyItemAsync(unitPriceMinor: 1999, codes: 3, maxQuantity: 7);
        var topUp = await app.Catalog.TopUpItemAsync(minMinor: 500, maxMinor: 10_000, stepMinor: 500);

        var keyItem = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/items/{key.Id}");
        var topUpItem = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/items/{topUp.Id}");
        var list = await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/items?product_type=top_up");

        Assert.Equal("key", keyItem.GetProperty("product_type").GetString());
        Assert.Equal(1999, keyItem.GetProperty("unit_price").GetInt64());
        Assert.Equal(7, keyItem.GetProperty("max_quantity").GetDecimal());
        Assert.Equal(3, keyItem.GetProperty("stock").GetInt32());
        Assert.True(keyItem.GetProperty("active").GetBoolean());
        Assert.Equal(5m, topUpItem.GetProperty("min_quantity").GetDecimal());
        Assert.Equal(100m, topUpItem.GetProperty("max_quantity").GetDecimal());
        Assert.Equal(JsonValueKind.Null, topUpItem.GetProperty("stock").ValueKind);
        var network = topUpItem.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "network");
        Assert.Equal("choice", network.GetProperty("type").GetString());
        Assert.Equal(2, network.GetProperty("choices")[1].GetProperty("id").GetInt32());
        Assert.All(list.GetProperty("data").EnumerateArray(), i => Assert.Equal("top_up", i.GetProperty("product_type").GetString()));
        Assert.Contains(list.GetProperty("data").EnumerateArray(), i => i.GetProperty("id").GetInt64() == topUp.Id);
    }

    [Fact]
    public async Task An_inactive_or_unknown_item_is_not_found()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync();
        await app.Get<CatalogService>().SetActiveAsync(item.Id, false, TestCatalog.Admin);

        using var inactive = await merchant.Http.GetAsync($"api/v1/items/{item.Id}");
        using var unknown = await merchant.Http.GetAsync("api/v1/items/987654321");

        Assert.Equal(HttpStatusCode.NotFound, inactive.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("ITEM_NOT_FOUND", (await ApiJson.ReadAsync(unknown)).Code());
    }

    [Fact]
    public async Task The_balance_and_its_entries_follow_orders()
    {
        var merchant = await app.MerchantAsync(balance: 50m);
        await merchant.OrderAsync(await app.Catalog.KeyItemAsync(unitPriceMinor: 1250, codes: 1));

        var balance = await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/balance");
        var entries = await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/balance/entries?limit=1");

        Assert.Equal(3750, balance.GetProperty("available").GetInt64());
        Assert.Equal("$37.50", balance.GetProperty("available_formatted").GetString());
        Assert.Equal("USD", balance.GetProperty("currency").GetString());
        var entry = Assert.Single(entries.GetProperty("data").EnumerateArray());
        Assert.Equal(-1250, entry.GetProperty("amount").GetInt64());
        Assert.Equal("order_charge", entry.GetProperty("type").GetString());
        Assert.True(entries.GetProperty("has_more").GetBoolean());
    }
}
