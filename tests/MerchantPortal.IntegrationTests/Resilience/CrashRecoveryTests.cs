using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MerchantPortal.ApiKeys;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace MerchantPortal.IntegrationTests.Resilience;

/// <summary>
/// Orders placed over the API while the app is killed (SIGKILL) mid-load, then restarted on the same database:
/// every answered order exists once, a request retried with its idempotency key is placed at most once, every
/// order is fulfilled, no code goes out twice, and the balance equals its ledger.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : CoreServiceTest
{
    private const int Callers = 6;
    private const long UnitPriceMinor = 300;

    private readonly TempDirectory _directory = new();

    private static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Api:RateLimit:PermitsPerSecond"] = "10000",
        ["Api:RateLimit:Burst"] = "10000",
    };

    [Fact]
    public async Task A_kill_mid_load_loses_no_answered_order_places_none_twice_and_every_order_is_fulfilled_after_the_restart()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 10_000m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: UnitPriceMinor, codes: 3_000);
        var key = await Host.Get<ApiKeyService>().CreateAsync(new CreateApiKey(merchant.Id, "Crash test", Scopes.All, null), TestCatalog.Admin);
        var secret = key.Value.Secret;
        var answered = new ConcurrentDictionary<string, Guid>();
        var unanswered = new ConcurrentBag<string>();

        await using (var app = await AppProcess.StartAsync(Host.DatabasePath, _directory.Path, Settings))
        {
            using var load = new CancellationTokenSource();
            var callers = Enumerable.Range(0, Callers).Select(c => CallAsync(app.RootUri, secret, item.Id, c, answered, unanswered, load.Token)).ToList();
            await WaitUntilAsync(() => answered.Count >= 40, TimeSpan.FromMinutes(1));
            await app.KillAsync();
            await load.CancelAsync();
            await Task.WhenAll(callers);
        }

        output.WriteLine($"{answered.Count} orders answered before the kill; {unanswered.Count} requests cut off or refused by it.");
        await using (var restarted = await AppProcess.StartAsync(Host.DatabasePath, _directory.Path, Settings))
        {
            // A client that got no answer retries with the same key: placed now, or the order placed before the kill.
            using var client = Client(restarted.RootUri, secret);
            foreach (var reference in unanswered)
            {
                using var response = await PostOrderAsync(client, item.Id, reference, CancellationToken.None);
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                answered[reference] = await OrderIdAsync(response);
            }

            await WaitUntilAsync(() => AllFulfilledAsync(merchant.Id).GetAwaiter().GetResult(), TimeSpan.FromMinutes(1));
        }

        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var orders = await db.Orders.Where(o => o.MerchantId == merchant.Id).Select(o => new { o.Id, o.MerchantOrderId, o.Status, o.TotalMinor }).ToListAsync();
        Assert.Equal(answered.Count, orders.Count);
        Assert.Equal(answered.Values.Order(), orders.Select(o => o.Id).Order());
        Assert.Equal(orders.Count, orders.Select(o => o.MerchantOrderId).Distinct().Count());
        Assert.All(orders, o => Assert.Equal(OrderStatus.Completed, o.Status));
        var delivered = await db.KeyCodes.Where(c => c.ItemId == item.Id && c.Status == KeyCodeStatus.Delivered).Select(c => c.OrderLineId).ToListAsync();
        Assert.Equal(orders.Count, delivered.Count);
        Assert.Equal(orders.Count, delivered.Distinct().Count());
        var balance = await db.MerchantBalances.Where(b => b.MerchantId == merchant.Id).Select(b => b.AvailableMinor).SingleAsync();
        Assert.Equal(1_000_000 - orders.Sum(o => o.TotalMinor), balance);
        Assert.Equal(balance, await db.LedgerEntries.Where(e => e.MerchantId == merchant.Id).SumAsync(e => e.AmountMinor));
        Assert.Equal(0, await db.OutboxJobs.CountAsync(j => j.Status == JobStatus.Failed));
    }

    /// <summary>One caller placing one order after another until the load stops; a request cut off by the kill is remembered unanswered.</summary>
    private static async Task CallAsync(
        Uri root, string secret, long itemId, int caller, ConcurrentDictionary<string, Guid> answered, ConcurrentBag<string> unanswered, CancellationToken load)
    {
        using var client = Client(root, secret);
        for (var i = 0; !load.IsCancellationRequested; i++)
        {
            var reference = $"CRASH-{caller}-{i}";
            try
            {
                using var response = await PostOrderAsync(client, itemId, reference, CancellationToken.None);
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                answered[reference] = await OrderIdAsync(response);
            }
            catch (HttpRequestException)
            {
                unanswered.Add(reference);
                return;
            }
        }
    }

    private static Task<HttpResponseMessage> PostOrderAsync(HttpClient client, long itemId, string reference, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new { item_id = itemId, quantity = 1, merchant_order_id = reference, customer = new { email = $"{reference.ToLowerInvariant()}@example.test" } });
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", reference);
        return client.SendAsync(request, ct);
    }

    private static async Task<Guid> OrderIdAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetGuid();
    }

    private static HttpClient Client(Uri root, string secret)
    {
        var client = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<bool> AllFulfilledAsync(Guid merchantId)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return !await db.Orders.AnyAsync(o => o.MerchantId == merchantId && o.Status != OrderStatus.Completed);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The expected state was not reached in time.");
            }

            await Task.Delay(100);
        }
    }
}
