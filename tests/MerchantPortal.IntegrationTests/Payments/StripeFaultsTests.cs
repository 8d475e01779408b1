using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MerchantPortal.IntegrationTests.Payments;

/// <summary>
/// Card orders placed side by side while two in five PaymentIntent calls meet a fault (never sent, answer lost after
/// the charge, 409, 500), then settled by reconciliation: every order ends in a terminal state, each paid order is
/// exactly one succeeded PaymentIntent for its total, and nothing is charged that no paid order accounts for.
/// </summary>
public sealed class StripeFaultsTests : CardServiceTest
{
    private const int Orders = 24;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Stripe:PaymentTimeout"] = "00:00:00" };

    [Fact]
    public async Task Card_orders_under_random_stripe_faults_are_charged_at_most_once_and_all_settle()
    {
        var item = await Host.Core.Catalog.KeyItemAsync(unitPriceMinor: 1500, codes: Orders);
        var cards = new List<(CustomerSummary Customer, string Card)>();
        for (var i = 0; i < 3; i++)
        {
            cards.Add(await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa"));
        }

        Connection.FaultRate = 0.4;
        var placements = Enumerable.Range(0, Orders).Select(async i =>
        {
            var (customer, card) = cards[i % cards.Count];
            var request = CardOrder(customer, card) with { Lines = [new PlaceOrderLine(item.Id, 1)], MerchantOrderId = $"fault-{i}" };
            var placed = await Host.Core.Get<OrderPlacementService>().PlaceAsync(request, Actor.System);
            // A resent request, as a client that saw no clear answer would send it.
            return placed.Succeeded && !placed.Value.PaymentUnconfirmed ? placed : await Host.Core.Get<OrderPlacementService>().PlaceAsync(request, Actor.System);
        });
        var results = await Task.WhenAll(placements);
        Assert.All(results, r => Assert.True(r.Succeeded || r.Error!.Code == PaymentErrors.StripeUnavailable.Code, r.Error?.Code));

        // Reconciliation and fulfilment run while the faults go on, then once Stripe is well again.
        await SettleAsync();
        Connection.FaultRate = 0;
        await SettleAsync();

        await using var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var orders = await db.Orders.Where(o => o.MerchantId == Merchant.Id).ToListAsync();
        Assert.All(orders, o => Assert.Contains(o.Status, new[] { OrderStatus.Completed, OrderStatus.Cancelled, OrderStatus.Failed }));
        Assert.Equal(orders.Count, orders.Select(o => o.MerchantOrderId).Distinct().Count());
        var paid = orders.Where(o => o.PaymentStatus == PaymentStatus.Paid).ToList();
        Assert.NotEmpty(paid);
        Assert.All(paid, o => Assert.Equal(OrderStatus.Completed, o.Status));
        var charged = new List<(string Id, long Amount)>();
        foreach (var (customer, _) in cards)
        {
            var stripeCustomer = await db.Customers.Where(c => c.Id == customer.Id).Select(c => c.StripeCustomerId).SingleAsync();
            await foreach (var intent in new PaymentIntentService(Host.Stripe).ListAutoPagingAsync(new PaymentIntentListOptions { Customer = stripeCustomer }))
            {
                if (intent.Status == "succeeded")
                {
                    charged.Add((intent.Id, intent.Amount));
                }
            }
        }

        Assert.Equal(paid.Select(o => (o.PaymentReference!, o.TotalMinor)).Order(), charged.Order());
    }

    private async Task SettleAsync()
    {
        for (var round = 0; round < 3; round++)
        {
            await Host.Core.Get<PaymentReconciliation>().ReconcileAsync(default);
            await Host.Core.DrainJobsAsync();
        }
    }
}
