using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Api;

/// <summary>
/// Malformed and hostile order requests mixed among valid ones, sent side by side: the bad ones are refused with a
/// problem and change nothing, the valid ones are all placed, and the money adds up.
/// </summary>
public sealed class BadInputUnderLoadTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const int ValidOrders = 90;
    private const long UnitPriceMinor = 250;

    [Fact]
    public async Task One_request_in_ten_is_hostile_and_none_of_them_fails_the_server_or_changes_anything()
    {
        var merchant = await app.MerchantAsync(balance: 1_000m);
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: UnitPriceMinor, codes: ValidOrders);
        var balanceBefore = await BalanceAsync(merchant.Id);
        var hostile = HostileBodies(item.Id);
        var requests = Enumerable.Range(0, ValidOrders)
            .Select(i => (Valid: true, Body: JsonSerializer.Serialize(new
            {
                item_id = item.Id, quantity = 1, merchant_order_id = $"LOAD-{i}", customer = new { email = $"load{i}@example.test" },
            })))
            .Concat(hostile.Select(body => (Valid: false, Body: body)))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();

        var answers = new (bool Valid, HttpStatusCode Status, string Body)[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var content = new StringContent(requests[i].Body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await merchant.Http.PostAsync("api/v1/orders", content, ct);
            answers[i] = (requests[i].Valid, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        });

        Assert.All(answers, a => Assert.True((int)a.Status < 500, $"{(int)a.Status}: {a.Body}"));
        Assert.All(answers.Where(a => a.Valid), a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.All(answers.Where(a => !a.Valid), a =>
        {
            Assert.InRange((int)a.Status, 400, 499);
            Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(a.Body).RootElement.GetProperty("code").GetString()), a.Body);
        });
        Assert.Equal(ValidOrders, await app.DbAsync(db => db.Orders.CountAsync(o => o.MerchantId == merchant.Id)));
        var balanceAfter = await BalanceAsync(merchant.Id);
        Assert.Equal(balanceBefore - ValidOrders * UnitPriceMinor, balanceAfter);
        var ledgerTotal = await app.DbAsync(db => db.LedgerEntries.Where(e => e.MerchantId == merchant.Id).SumAsync(e => e.AmountMinor));
        Assert.Equal(balanceAfter, ledgerTotal);
    }

    /// <summary>Ten bodies a hostile or broken client sends: each is refused before anything is written.</summary>
    private static List<string> HostileBodies(long itemId) =>
    [
        "{\"item_id\": " + itemId + ", \"quantity\": 1, \"customer\": {\"email\": \"cut@example.test\"",
        "[1, 2, 3]",
        "{\"item_id\": \"" + new string('9', 400) + "\", \"quantity\": 1, \"customer\": {\"email\": \"big@example.test\"}}",
        JsonSerializer.Serialize(new { item_id = itemId, quantity = -5, merchant_order_id = "BAD-1", customer = new { email = "neg@example.test" } }),
        JsonSerializer.Serialize(new { item_id = itemId, quantity = 1_000_000, merchant_order_id = "BAD-2", customer = new { email = "huge@example.test" } }),
        JsonSerializer.Serialize(new { item_id = 987_654_321, quantity = 1, merchant_order_id = "BAD-3", customer = new { email = "ghost@example.test" } }),
        JsonSerializer.Serialize(new { item_id = itemId, quantity = 1, merchant_order_id = "BAD-4", customer = new { email = "not an email" } }),
        JsonSerializer.Serialize(new { item_id = itemId, quantity = 1, merchant_order_id = new string('x', 5_000), customer = new { email = "long@example.test" } }),
        "{\"item_id\": " + itemId + ", \"quantity\": " + new string('[', 2_000) + new string(']', 2_000) + "}",
        "",
    ];

    private Task<long> BalanceAsync(Guid merchantId) =>
        app.DbAsync(db => db.MerchantBalances.Where(b => b.MerchantId == merchantId).Select(b => b.AvailableMinor).SingleAsync());
}
