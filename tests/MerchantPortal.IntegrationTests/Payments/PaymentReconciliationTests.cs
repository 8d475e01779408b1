using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace MerchantPortal.IntegrationTests.Payments;

/// <summary>Card payments left half-way are settled by reconciliation (here with a zero timeout).</summary>
public sealed class PaymentReconciliationTests : CardServiceTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Stripe:PaymentTimeout"] = "00:00:00" };

    [Fact]
    public async Task A_payment_never_authenticated_is_cancelled_at_stripe_and_the_order_fails()
    {
        var order = await PlaceWithAsync("pm_card_authenticationRequired");
        Assert.Equal(PaymentStatus.RequiresAction, order.PaymentStatus);

        await Host.Core.Get<PaymentReconciliation>().ReconcileAsync(default);

        var settled = await OrderAsync(order.Id);
        Assert.Equal((OrderStatus.Failed, OrderErrorCodes.AuthenticationRequired), (settled.Status, settled.ErrorCode));
        Assert.Equal("canceled", (await new PaymentIntentService(Host.Stripe).GetAsync(order.PaymentReference)).Status);
    }

    [Fact]
    public async Task A_payment_whose_answer_was_lost_is_found_at_stripe_and_the_order_is_paid()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");

        // The payment is created at Stripe but the portal never hears the answer.
        Connection.LoseAnswers = true;
        var placed = await PlaceAsync(customer, card);
        Connection.LoseAnswers = false;
        Assert.True(placed.Value.PaymentUnconfirmed);
        Assert.Equal(OrderStatus.AwaitingPayment, placed.Value.Order.Order.Status);

        await Host.Core.Get<PaymentReconciliation>().ReconcileAsync(default);
        await Host.Core.DrainJobsAsync();

        await using var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var order = await db.Orders.SingleAsync();
        Assert.Equal((OrderStatus.Completed, PaymentStatus.Paid), (order.Status, order.PaymentStatus));
    }

    [Fact]
    public async Task A_payment_that_never_reached_stripe_leaves_nothing_charged_and_the_order_cancelled()
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, "pm_card_visa");
        Connection.Down = true;
        var placed = await PlaceAsync(customer, card);
        Connection.Down = false;
        Assert.True(placed.Value.PaymentUnconfirmed);

        await Host.Core.Get<PaymentReconciliation>().ReconcileAsync(default);

        await using var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var order = await db.Orders.SingleAsync();
        Assert.Equal((OrderStatus.Cancelled, PaymentStatus.Voided), (order.Status, order.PaymentStatus));
    }

    private async Task<Order> PlaceWithAsync(string testCard)
    {
        var (customer, card) = await Host.CustomerWithCardAsync(Merchant.Id, testCard);
        return (await PlaceAsync(customer, card)).Value.Order.Order;
    }

    private async Task<Order> OrderAsync(Guid id)
    {
        await using var db = await Host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.Orders.SingleAsync(o => o.Id == id);
    }
}
