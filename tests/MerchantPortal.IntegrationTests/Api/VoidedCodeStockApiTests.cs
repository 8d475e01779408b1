using System.Net.Http.Json;
using System.Text.Json;
using MerchantPortal.Catalog;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Api;

/// <summary>The API's <c>stock</c> counts only codes that can still be delivered.</summary>
[Collection(ApiCollection.Name)]
public sealed class VoidedCodeStockApiTests(ApiApp app)
{
    [Fact]
    public async Task A_voided_code_is_not_counted_in_the_item_stock()
    {
        var merchant = await app.MerchantAsync();
        var key = await app.Catalog.KeyItemAsync(codes: 3);
        var inventory = app.Get<KeyInventoryService>();
        var code = (await inventory.ListAsync(key.Id, new KeyCodeQuery(PageSize: 1), TestCatalog.Admin)).Items[0];
        Assert.True((await inventory.VoidAsync(code.Id, TestCatalog.Admin)).Succeeded);

        var item = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/items/{key.Id}");

        Assert.Equal(2, item.GetProperty("stock").GetInt32());
    }
}
