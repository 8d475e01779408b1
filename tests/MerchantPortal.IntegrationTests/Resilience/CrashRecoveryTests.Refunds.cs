using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using MerchantPortal.ApiKeys;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Resilience;

/// <summary>
/// Refunds of undelivered units asked for over the API while the app is killed mid-way, then asked again with the
/// same <c>Idempotency-Key</c> after the restart: each order is refunded once, for what was not delivered, to the
/// balance or the card it was paid from; the balance equals its ledger, and the sandbox refunded each card order once.
/// </summary>
public sealed partial class CrashRecoveryTests
{
    private const int RefundOrders = 24;
    private const long UndeliveredPriceMinor = 200;

    [Fact]
    public async Task A_kill_while_refunds_are_asked_for_refunds_each_order_once_after_the_retries()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 1_000m);
        var delivered = await Host.Catalog.KeyItemAsync(unitPriceMinor: UnitPriceMinor, codes: RefundOrders);
        var undelivered = await Host.Catalog.KeyItemAsync(unitPriceMinor: UndeliveredPriceMinor);
        var key = await Host.Get<ApiKeyService>().CreateAsync(new CreateApiKey(merchant.Id, "Refund crash test", Scopes.All, null), TestCatalog.Admin);
        var secret = key.Value.Secret;
        var card = await CardAsync(merchant.Id);
        var unanswered = new ConcurrentDictionary<Guid, bool>();
        List<Guid> orders;

        await using (var app = await AppProcess.StartAsync(Host.DatabasePath, _directory.Path, Settings()))
        {
            // Every other order by card; each delivers its first line and runs out of stock on its second.
            using var client = Client(app.RootUri, secret);
            orders = [];
            for (var i = 0; i < RefundOrders; i++)
            {
                orders.Add(await PlaceTwoLineOrderAsync(client, $"REFUND-ORDER-{i}", delivered.Id, undelivered.Id, i % 2 == 1 ? card : null));
            }

            await WaitUntilAsync(() => AllSettledAsync(merchant.Id).GetAwaiter().GetResult(), TimeSpan.FromMinutes(1));
            var answered = 0;
            var callers = Enumerable.Range(0, Callers)
                .Select(c => RefundAllAsync(app.RootUri, secret, orders.Where((_, i) => i % Callers == c).ToList(), unanswered, () => Interlocked.Increment(ref answered)))
                .ToList();
            await WaitUntilAsync(() => Volatile.Read(ref answered) >= RefundOrders / 3, TimeSpan.FromMinutes(1));
            await app.KillAsync();
            await Task.WhenAll(callers);
        }

        output.WriteLine($"{RefundOrders - unanswered.Count} refunds answered before the kill; {unanswered.Count} cut off or not sent.");
        Assert.NotEmpty(unanswered);
        await using (var restarted = await AppProcess.StartAsync(Host.DatabasePath, _directory.Path, Settings()))
        {
            using var client = Client(restarted.RootUri, secret);
            foreach (var orderId in unanswered.Keys)
            {
                using var response = await RetryRefundAsync(client, orderId);
                Assert.True(response.StatusCode == HttpStatusCode.Created,
                    $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{string.Join('\n', restarted.Output)}");
            }

            await WaitUntilAsync(() => AllRefundsSettledAsync(merchant.Id).GetAwaiter().GetResult(), TimeSpan.FromMinutes(1));
        }

        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var refunds = await db.Refunds.Where(r => r.MerchantId == merchant.Id).ToListAsync();
        Assert.Equal(orders.Order(), refunds.Select(r => r.OrderId).Order());
        Assert.All(refunds, r => Assert.Equal((RefundStatus.Succeeded, UndeliveredPriceMinor), (r.Status, r.AmountMinor)));
        var placed = await db.Orders.Where(o => o.MerchantId == merchant.Id).Include(o => o.Lines).ToListAsync();
        Assert.All(placed, o => Assert.Equal((UndeliveredPriceMinor, 1, 1), (o.RefundedMinor, o.Lines.Sum(l => l.RefundedUnits), o.Lines.Sum(l => l.DeliveredUnits))));

        // Balance orders came back to the balance; the ledger holds each charge and each refund once.
        var byBalance = placed.Where(o => o.PaymentMethod == PaymentMethodKind.Balance).ToList();
        var balance = await db.MerchantBalances.Where(b => b.MerchantId == merchant.Id).Select(b => b.AvailableMinor).SingleAsync();
        Assert.Equal(100_000 - byBalance.Sum(o => o.TotalMinor) + byBalance.Count * UndeliveredPriceMinor, balance);
        Assert.Equal(balance, await db.LedgerEntries.Where(e => e.MerchantId == merchant.Id).SumAsync(e => e.AmountMinor));
        Assert.Equal(0, await db.OutboxJobs.CountAsync(j => j.Status == JobStatus.Failed));

        // At the sandbox: one succeeded refund per card order, for the undelivered line, never more than was captured.
        var byCard = placed.Where(o => o.PaymentMethod == PaymentMethodKind.Card).ToList();
        Assert.NotEmpty(byCard);
        var stripeRefunds = new Stripe.RefundService(_cards.Stripe);
        foreach (var order in byCard)
        {
            var atStripe = await stripeRefunds.ListAsync(new Stripe.RefundListOptions { PaymentIntent = order.PaymentReference, Limit = 100 });
            Assert.Equal([UndeliveredPriceMinor], atStripe.Data.Where(r => r.Status == "succeeded").Select(r => r.Amount));
            Assert.True(atStripe.Data.Sum(r => r.Amount) <= order.TotalMinor);
        }
    }

    /// <summary>One caller asking for the refund of each of its orders in turn; from a request the kill cut off on, every order is left to retry.</summary>
    private static async Task RefundAllAsync(Uri root, string secret, List<Guid> orderIds, ConcurrentDictionary<Guid, bool> unanswered, Action answered)
    {
        using var client = Client(root, secret);
        for (var i = 0; i < orderIds.Count; i++)
        {
            try
            {
                using var response = await PostRefundAsync(client, orderIds[i], CancellationToken.None);
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                answered();
            }
            catch (HttpRequestException)
            {
                foreach (var orderId in orderIds.Skip(i))
                {
                    unanswered[orderId] = true;
                }

                return;
            }
        }
    }

    /// <summary>
    /// Asks again as a client does: a request the kill cut off is still "in progress" under its key until the claim
    /// counts as abandoned, so a 409 is retried a moment later.
    /// </summary>
    private static async Task<HttpResponseMessage> RetryRefundAsync(HttpClient client, Guid orderId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var response = await PostRefundAsync(client, orderId, CancellationToken.None);
            if (response.StatusCode != HttpStatusCode.Conflict || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(500);
        }
    }

    /// <summary>A refund of every undelivered unit, to where the order was paid from; the key names the order, so a retry replays.</summary>
    private static Task<HttpResponseMessage> PostRefundAsync(HttpClient client, Guid orderId, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/orders/{orderId}/refunds")
        {
            Content = new StringContent("""{"reason":"undelivered"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", $"REFUND-{orderId:N}");
        return client.SendAsync(request, ct);
    }

    private static async Task<Guid> PlaceTwoLineOrderAsync(
        HttpClient client, string reference, long deliveredItemId, long undeliveredItemId, (Guid CustomerId, string PaymentMethodId)? card)
    {
        var lines = new[] { new { item_id = deliveredItemId, quantity = 1 }, new { item_id = undeliveredItemId, quantity = 1 } };
        var body = card is { } saved
            ? JsonSerializer.Serialize(new
            {
                lines, merchant_order_id = reference, customer_id = saved.CustomerId,
                payment = new { method = "card", payment_method_id = saved.PaymentMethodId },
            })
            : JsonSerializer.Serialize(new { lines, merchant_order_id = reference, customer = new { email = $"{reference.ToLowerInvariant()}@example.test" } });
        using var response = await client.PostAsync("api/v1/orders", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await OrderIdAsync(response);
    }

    private async Task<bool> AllSettledAsync(Guid merchantId)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return !await db.Orders.AnyAsync(o => o.MerchantId == merchantId && o.Status != OrderStatus.Partial);
    }

    private async Task<bool> AllRefundsSettledAsync(Guid merchantId)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.Refunds.CountAsync(r => r.MerchantId == merchantId) == RefundOrders
               && !await db.Refunds.AnyAsync(r => r.MerchantId == merchantId && r.Status != RefundStatus.Succeeded);
    }
}
