using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Operations;

/// <summary>
/// Today's orders in each state a person can act on, so every button of the order page and the support queue has
/// something to press on a fresh demo: failed and partial orders paid by card and from the balance (refund or retry
/// them), a card payment the bank declined (pay another way), one waiting for 3-D Secure, a cancelled and refunded
/// order, one paid and waiting for fulfilment (cancel it), and one still being fulfilled (refund it). The pending order's
/// fulfilment is scheduled <see cref="PendingFor"/> later and the processing one waits on the simulator's delay
/// (<c>Fulfilment:Simulator:Delay</c>, hours in Development), so neither settles before someone acts; they, the 3-D Secure
/// order (the payment timeout) and the sandbox's late refunds are the states that decay (README: "Demo data").
/// </summary>
internal sealed class DemoOpenOrders(
    OrderPlacementService orders, OrderCancellationService cancellation, DemoOrderRequests requests, JobRunner jobs,
    IDbContextFactory<PortalDb> dbs, TimeProvider clock, ILogger<DemoOpenOrders> logger)
{
    /// <summary>How long the demo's pending order waits before its fulfilment starts.</summary>
    public static readonly TimeSpan PendingFor = TimeSpan.FromDays(1);

    private readonly Random _random = new(20261202);

    public async Task SeedAsync(
        IReadOnlyList<MerchantSummary> merchants, IReadOnlyDictionary<Guid, IReadOnlyList<DemoCardHolder>> holders, IReadOnlyList<CatalogItem> items,
        CancellationToken ct)
    {
        var placed = 0;
        foreach (var merchant in merchants)
        {
            var own = items.Where(i => i.Currency == merchant.Currency).ToList();
            var cards = holders.GetValueOrDefault(merchant.Id) ?? [];
            var paying = cards.FirstOrDefault(h => h is { PaysInHistory: true, RefundsSettleLater: false });
            var declining = cards.FirstOrDefault(h => h.TestCard == DemoCardHolder.DecliningCard);
            var authenticating = cards.FirstOrDefault(h => h.TestCard == DemoCardHolder.AuthenticatingCard);
            var failing = own.FirstOrDefault(i => i.Behaviour == FulfilmentBehaviour.Fail);
            var soldOut = SoldOut(own);
            var inStock = InStock(own);
            var alternating = own.FirstOrDefault(i => i.Behaviour == FulfilmentBehaviour.Partial);

            // Failed with nothing delivered, from the balance and by card: support refunds or retries them.
            placed += await PlaceAsync(merchant, "Amara Haddad", [Line(failing)], null, ct) ? 1 : 0;
            placed += await PlaceAsync(merchant, null, [Line(failing)], paying, ct) ? 1 : 0;
            // Partial: one line delivered, one sold out or failing every other time.
            placed += await PlaceAsync(merchant, "Kenji Watanabe", [Line(inStock), Line(soldOut ?? alternating, 2)], null, ct) ? 1 : 0;
            placed += await PlaceAsync(merchant, null, [Line(inStock), Line(soldOut ?? alternating, 2)], paying, ct) ? 1 : 0;
            // The bank declines: the order waits to be paid another way.
            placed += await PlaceAsync(merchant, null, [Line(inStock)], declining, ct) ? 1 : 0;
            // The bank asks for 3-D Secure: the order awaits payment until the customer completes it, or the reconciliation calls it off.
            placed += await PlaceAsync(merchant, null, [Line(inStock)], authenticating, ct) ? 1 : 0;
            // Cancelled before fulfilment: refunded in full.
            if (await PlaceOrderAsync(merchant, "Lena Fischer", [Line(inStock)], null, ct) is { } cancelled)
            {
                await cancellation.CancelAsync(cancelled, "Customer ordered the wrong item", DemoOrderRequests.ActorFor(merchant), ct);
                placed++;
            }

            await RunJobsAsync(ct);
        }

        // Placed after the last run of the seeder's jobs, so neither is fulfilled here; the worker leaves them as they are.
        foreach (var merchant in merchants)
        {
            var own = items.Where(i => i.Currency == merchant.Currency).ToList();
            // Paid, fulfilment not started yet: the merchant can still cancel it.
            if (await PlaceOrderAsync(merchant, "Omar Farouk", [Line(InStock(own))], null, ct) is { } pending)
            {
                await PostponeFulfilmentAsync(pending, ct);
                placed++;
            }

            // Being fulfilled: the simulator's delay keeps it processing, for support to refund.
            if (own.FirstOrDefault(i => i.Behaviour == FulfilmentBehaviour.Delay) is { } slow)
            {
                placed += await PlaceOrderAsync(merchant, "Priya Patel", [Line(slow)], null, ct) is not null ? 1 : 0;
            }
        }

        logger.LogInformation("Demo data: placed {Count} of today's orders to act on (failed, partial, declined, awaiting payment, refunded, pending, processing).", placed);
    }

    private async Task<bool> PlaceAsync(MerchantSummary merchant, string? name, IReadOnlyList<PlaceOrderLine?> lines, DemoCardHolder? card, CancellationToken ct)
    {
        if (name is null && card is null)
        {
            return false;
        }

        var placed = await PlaceOrderAsync(merchant, name, lines, card, ct) is not null;
        await RunJobsAsync(ct);
        return placed;
    }

    private async Task<Guid?> PlaceOrderAsync(MerchantSummary merchant, string? name, IReadOnlyList<PlaceOrderLine?> lines, DemoCardHolder? card, CancellationToken ct)
    {
        if (lines.Any(l => l is null))
        {
            return null;
        }

        var customer = card is not null
            ? new CustomerRef(CustomerId: card.CustomerId)
            : new CustomerRef(Email: $"{name!.Replace(' ', '.')}@example.com".ToLowerInvariant(), Name: name);
        var payment = requests.PaymentFor(card);
        var placed = await orders.PlaceAsync(
            new PlaceOrder(merchant.Id, customer, [.. lines.OfType<PlaceOrderLine>()], payment, OrderSource.Dashboard), DemoOrderRequests.ActorFor(merchant), ct);
        return placed.Succeeded ? placed.Value.Order.Order.Id : null;
    }

    /// <summary>Moves the order's fulfilment job <see cref="PendingFor"/> ahead; the app's worker has not started yet, so it cannot have run.</summary>
    private async Task PostponeFulfilmentAsync(Guid orderId, CancellationToken ct)
    {
        var payload = orderId.ToString();
        var startAt = clock.GetUtcNow().UtcDateTime + PendingFor;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.OutboxJobs.Where(j => j.Type == JobTypes.FulfilOrder && j.Payload == payload && j.Status == JobStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.AvailableAt, startAt), ct);
    }

    private async Task RunJobsAsync(CancellationToken ct)
    {
        while (await jobs.RunDueJobsAsync("demo-seeder", ct) > 0)
        {
        }
    }

    private static CatalogItem? SoldOut(List<CatalogItem> own) =>
        own.FirstOrDefault(i => i.Type == ProductType.Key && i.Name.Contains("Netflix", StringComparison.Ordinal));

    private static CatalogItem? InStock(List<CatalogItem> own) => own.FirstOrDefault(i => i.Type == ProductType.Key && i != SoldOut(own));

    private PlaceOrderLine? Line(CatalogItem? item, int quantity = 1) => item is null ? null : DemoOrderRequests.Line(item, _random, quantity);
}
