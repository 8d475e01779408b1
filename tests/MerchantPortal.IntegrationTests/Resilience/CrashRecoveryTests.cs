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
/// Orders paid from the balance and by card placed over the API while the app is killed (SIGKILL) mid-load, then
/// restarted on the same database: the jobs the killed worker held are free within 10 s and the restarted app takes them
/// over, every answered order exists once, a request retried with its idempotency key is
/// placed at most once, every order is fulfilled, no code goes out twice, the balance equals its ledger, and the
/// Stripe sandbox — in this test process, so it outlives the kill — charged each card order exactly once. The merchant's
/// webhook receiver (also in this process, failing its first answers) gets every order's events at least once, each
/// event under one <c>webhook-id</c> however often it was sent.
/// </summary>
public sealed partial class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Callers = 6;
    private const long UnitPriceMinor = 300;
    private static readonly string[] OrderEvents = ["order.created", "order.completed"];

    /// <summary>How soon after a kill the jobs the killed worker held must be free for the next worker to resume.</summary>
    private static readonly TimeSpan RecoveryWindow = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _directory = new();
    private CardTestHost _cards = default!;
    private WebhookReceiver _receiver = default!;

    private CoreTestHost Host => _cards.Core;

    public async Task InitializeAsync()
    {
        _cards = await CardTestHost.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _cards.DisposeAsync();
        _directory.Dispose();
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Api:RateLimit:PermitsPerSecond"] = "10000",
        ["Api:RateLimit:Burst"] = "10000",
        ["Stripe:SecretKey"] = _cards.Sandbox.SecretKey,
        ["Stripe:PublishableKey"] = _cards.Sandbox.PublishableKey,
        ["Stripe:ApiBase"] = _cards.Sandbox.BaseUri.ToString().TrimEnd('/'),
        ["Stripe:WebhookSecret"] = CardTestHost.WebhookSecret,
        ["Webhooks:AllowPrivateAddresses"] = "true",
        // A request the kill cut off holds its idempotency key until then; a retry after it is processed.
        ["Idempotency:AbandonedAfter"] = "00:00:05",
        ["Webhooks:RetrySchedule:0"] = "00:00:01",
        ["Webhooks:RetrySchedule:1"] = "00:00:01",
        ["Webhooks:RetrySchedule:2"] = "00:00:01",
    };

    [Fact]
    public async Task A_kill_mid_load_loses_no_answered_order_places_none_twice_and_every_order_is_fulfilled_after_the_restart()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 10_000m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: UnitPriceMinor, codes: 3_000);
        var key = await Host.Get<ApiKeyService>().CreateAsync(new CreateApiKey(merchant.Id, "Crash test", Scopes.All, null), TestCatalog.Admin);
        var secret = key.Value.Secret;
        // Every other caller pays with a saved card of its own customer.
        var cards = new List<(Guid CustomerId, string PaymentMethodId)?>();
        for (var c = 0; c < Callers; c++)
        {
            cards.Add(c % 2 == 1 ? await CardAsync(merchant.Id) : null);
        }

        var answered = new ConcurrentDictionary<string, Guid>();
        var unanswered = new ConcurrentDictionary<string, (Guid CustomerId, string PaymentMethodId)?>();
        DateTime killedAt;

        await using (var app = await AppProcess.StartAsync(Host.DatabasePath, _directory.Path, Settings()))
        {
            await RegisterWebhookEndpointAsync(app.RootUri, secret);
            using var load = new CancellationTokenSource();
            var callers = Enumerable.Range(0, Callers)
                .Select(c => CallAsync(app.RootUri, secret, item.Id, c, cards[c], answered, unanswered, load.Token))
                .ToList();
            await WaitUntilAsync(() => answered.Count >= 40, TimeSpan.FromMinutes(1));
            await app.KillAsync();
            killedAt = DateTime.UtcNow;
            await load.CancelAsync();
            await Task.WhenAll(callers);
        }

        output.WriteLine($"{answered.Count} orders answered before the kill; {unanswered.Count} requests cut off or refused by it.");
        // The killed worker's jobs are held only by short leases it can no longer renew: all free within the window.
        var stranded = await RunningJobsAsync();
        Assert.All(stranded, j => Assert.True(j.LeaseExpiresAt <= killedAt + RecoveryWindow,
            $"Job {j.Id} was leased until {j.LeaseExpiresAt:O}, more than {RecoveryWindow} after the kill at {killedAt:O}."));
        output.WriteLine($"{stranded.Count} jobs were running at the kill, leased until at most " +
                         $"{(stranded.Count == 0 ? TimeSpan.Zero : stranded.Max(j => j.LeaseExpiresAt!.Value) - killedAt).TotalSeconds:F1} s after it.");
        await using (var restarted = await AppProcess.StartAsync(Host.DatabasePath, _directory.Path, Settings()))
        {
            await WaitUntilAsync(() => StrandedJobsResumedAsync(stranded).GetAwaiter().GetResult(), TimeSpan.FromMinutes(1));
            output.WriteLine($"The restarted app had taken over every stranded job {(DateTime.UtcNow - killedAt).TotalSeconds:F1} s after the kill.");
            // A client that got no answer retries with the same key: placed now, or the order placed before the kill.
            using var client = Client(restarted.RootUri, secret);
            foreach (var (reference, card) in unanswered)
            {
                using var response = await PostOrderAsync(client, item.Id, reference, card, CancellationToken.None);
                Assert.True(response.StatusCode == HttpStatusCode.Created,
                    $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{string.Join('\n', restarted.Output)}");
                answered[reference] = await OrderIdAsync(response);
            }

            await WaitUntilAsync(() => AllFulfilledAsync(merchant.Id).GetAwaiter().GetResult(), TimeSpan.FromMinutes(1));
            await WaitUntilAsync(() => EveryEventReceived(answered.Values), TimeSpan.FromMinutes(1));
        }

        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var orders = await db.Orders.Where(o => o.MerchantId == merchant.Id)
            .Select(o => new { o.Id, o.MerchantOrderId, o.Status, o.TotalMinor, o.PaymentMethod, o.PaymentReference }).ToListAsync();
        Assert.Equal(answered.Count, orders.Count);
        Assert.Equal(answered.Values.Order(), orders.Select(o => o.Id).Order());
        Assert.Equal(orders.Count, orders.Select(o => o.MerchantOrderId).Distinct().Count());
        Assert.All(orders, o => Assert.Equal(OrderStatus.Completed, o.Status));
        var delivered = await db.KeyCodes.Where(c => c.ItemId == item.Id && c.Status == KeyCodeStatus.Delivered).Select(c => c.OrderLineId).ToListAsync();
        Assert.Equal(orders.Count, delivered.Count);
        Assert.Equal(orders.Count, delivered.Distinct().Count());
        var balance = await db.MerchantBalances.Where(b => b.MerchantId == merchant.Id).Select(b => b.AvailableMinor).SingleAsync();
        var byBalance = orders.Where(o => o.PaymentMethod == PaymentMethodKind.Balance).ToList();
        Assert.Equal(1_000_000 - byBalance.Sum(o => o.TotalMinor), balance);
        Assert.Equal(balance, await db.LedgerEntries.Where(e => e.MerchantId == merchant.Id).SumAsync(e => e.AmountMinor));
        Assert.Equal(0, await db.OutboxJobs.CountAsync(j => j.Status == JobStatus.Failed));

        // Each card order is one succeeded PaymentIntent for its total, and the sandbox charged nothing else.
        var byCard = orders.Where(o => o.PaymentMethod == PaymentMethodKind.Card).ToList();
        Assert.NotEmpty(byCard);
        var charged = await ChargedAsync(cards.Where(c => c is not null).Select(c => c!.Value.CustomerId));
        Assert.Equal(byCard.Select(o => (o.PaymentReference, o.TotalMinor)).Order(), charged.Order());
        output.WriteLine($"{orders.Count} orders in all, {byCard.Count} of them by card.");

        // At least once, and every attempt of one event under the one webhook-id that is its alone.
        var received = _receiver.Requests.Select(ReceivedEvent.Of).ToList();
        var idsPerEvent = received.GroupBy(r => (r.Type, r.OrderId)).ToDictionary(g => g.Key, g => g.Select(r => r.WebhookId).Distinct().ToList());
        Assert.All(idsPerEvent, e => Assert.Single(e.Value));
        Assert.Equal(idsPerEvent.Count, received.Select(r => r.WebhookId).Distinct().Count());
        var accepted = received.Where(r => r.Accepted).ToList();
        Assert.Equal(answered.Values.Order(), accepted.Where(r => r.Type == "order.completed").Select(r => r.OrderId).Distinct().Order());
        Assert.Equal(answered.Values.Order(), accepted.Where(r => r.Type == "order.created").Select(r => r.OrderId).Distinct().Order());
        Assert.Contains(received, r => !r.Accepted);
        output.WriteLine($"{received.Count} webhook attempts received for {idsPerEvent.Count} events.");
    }

    /// <summary>The merchant's endpoint for order events, registered through the API; the receiver fails its first three answers.</summary>
    private async Task RegisterWebhookEndpointAsync(Uri root, string secret)
    {
        _receiver.Answer(500, 500, 503);
        using var client = Client(root, secret);
        var body = JsonSerializer.Serialize(new { url = _receiver.Url, enabled_events = OrderEvents });
        using var response = await client.PostAsync("api/v1/webhook_endpoints", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private bool EveryEventReceived(ICollection<Guid> orderIds)
    {
        var received = _receiver.Requests.Select(ReceivedEvent.Of).Where(r => r.Accepted).Select(r => (r.Type, r.OrderId)).ToHashSet();
        return orderIds.All(id => received.Contains(("order.created", id)) && received.Contains(("order.completed", id)));
    }

    private sealed record ReceivedEvent(string WebhookId, string Type, Guid OrderId, bool Accepted)
    {
        public static ReceivedEvent Of(ReceivedWebhook request)
        {
            using var json = JsonDocument.Parse(request.Body);
            return new ReceivedEvent(
                request.Id, json.RootElement.GetProperty("type").GetString()!, json.RootElement.GetProperty("data").GetProperty("id").GetGuid(),
                request.Answered is >= 200 and < 300);
        }
    }

    /// <summary>The succeeded PaymentIntents the sandbox holds for the customers, with their amounts.</summary>
    private async Task<List<(string? Id, long Amount)>> ChargedAsync(IEnumerable<Guid> customerIds)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var payments = new Stripe.PaymentIntentService(_cards.Stripe);
        var charged = new List<(string? Id, long Amount)>();
        foreach (var customerId in customerIds)
        {
            var stripeCustomer = await db.Customers.Where(c => c.Id == customerId).Select(c => c.StripeCustomerId).SingleAsync();
            await foreach (var intent in payments.ListAutoPagingAsync(new Stripe.PaymentIntentListOptions { Customer = stripeCustomer, Limit = 100 }))
            {
                if (intent.Status == "succeeded")
                {
                    charged.Add((intent.Id, intent.Amount));
                }
            }
        }

        return charged;
    }

    private async Task<(Guid CustomerId, string PaymentMethodId)?> CardAsync(Guid merchantId)
    {
        var (customer, paymentMethodId) = await _cards.CustomerWithCardAsync(merchantId, "pm_card_visa");
        return (customer.Id, paymentMethodId);
    }

    /// <summary>One caller placing one order after another until the load stops; a request cut off by the kill is remembered unanswered.</summary>
    private static async Task CallAsync(
        Uri root, string secret, long itemId, int caller, (Guid CustomerId, string PaymentMethodId)? card,
        ConcurrentDictionary<string, Guid> answered, ConcurrentDictionary<string, (Guid CustomerId, string PaymentMethodId)?> unanswered,
        CancellationToken load)
    {
        using var client = Client(root, secret);
        for (var i = 0; !load.IsCancellationRequested; i++)
        {
            var reference = $"CRASH-{caller}-{i}";
            try
            {
                using var response = await PostOrderAsync(client, itemId, reference, card, CancellationToken.None);
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                answered[reference] = await OrderIdAsync(response);
            }
            catch (HttpRequestException)
            {
                unanswered[reference] = card;
                return;
            }
        }
    }

    private static Task<HttpResponseMessage> PostOrderAsync(
        HttpClient client, long itemId, string reference, (Guid CustomerId, string PaymentMethodId)? card, CancellationToken ct)
    {
        var body = card is { } saved
            ? JsonSerializer.Serialize(new
            {
                item_id = itemId, quantity = 1, merchant_order_id = reference, customer_id = saved.CustomerId,
                payment = new { method = "card", payment_method_id = saved.PaymentMethodId },
            })
            : JsonSerializer.Serialize(new { item_id = itemId, quantity = 1, merchant_order_id = reference, customer = new { email = $"{reference.ToLowerInvariant()}@example.test" } });
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

    private async Task<List<OutboxJob>> RunningJobsAsync()
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.OutboxJobs.AsNoTracking().Where(j => j.Status == JobStatus.Running).ToListAsync();
    }

    /// <summary>Every job the killed worker held is done, or claimed again by the restarted app's worker.</summary>
    private async Task<bool> StrandedJobsResumedAsync(List<OutboxJob> stranded)
    {
        var ids = stranded.Select(j => j.Id).ToList();
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var now = await db.OutboxJobs.AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync();
        return now.All(j => j.Status != JobStatus.Running || j.LeaseOwner != stranded.Single(s => s.Id == j.Id).LeaseOwner);
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
