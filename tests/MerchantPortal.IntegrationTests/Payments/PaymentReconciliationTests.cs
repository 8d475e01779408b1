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
public sealed class PaymentReconciliationTests : IAsyncLifetime
{
    private readonly UnreliableStripeConnection _connection = new();
    private CardTestHost _host = default!;
    private MerchantSummary _merchant = default!;
    private CatalogItem _item = default!;

    public async Task InitializeAsync()
    {
        _host = await CardTestHost.StartAsync(services => services.AddSingleton<IHttpClient>(_connection),
            new Dictionary<string, string?> { ["Stripe:PaymentTimeout"] = "00:00:00" });
        _merchant = await _host.Core.Catalog.MerchantAsync();
        _item = await _host.Core.Catalog.KeyItemAsync(unitPriceMinor: 800, codes: 5);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _connection.Dispose();
    }

    [Fact]
    public async Task A_payment_never_authenticated_is_cancelled_at_stripe_and_the_order_fails()
    {
        var order = await PlaceAsync("pm_card_authenticationRequired");
        Assert.Equal(PaymentStatus.RequiresAction, order.PaymentStatus);

        await _host.Core.Get<PaymentReconciliation>().ReconcileAsync(default);

        var settled = await OrderAsync(order.Id);
        Assert.Equal((OrderStatus.Failed, OrderErrorCodes.AuthenticationRequired), (settled.Status, settled.ErrorCode));
        Assert.Equal("canceled", (await new PaymentIntentService(_host.Stripe).GetAsync(order.PaymentReference)).Status);
    }

    [Fact]
    public async Task A_payment_whose_answer_was_lost_is_found_at_stripe_and_the_order_is_paid()
    {
        var (customer, card) = await _host.CustomerWithCardAsync(_merchant.Id, "pm_card_visa");

        // The payment is created at Stripe but the portal never hears the answer.
        _connection.LoseAnswers = true;
        var placed = await Place(customer, card);
        _connection.LoseAnswers = false;
        Assert.Equal("PAYMENT_PROVIDER_UNAVAILABLE", placed.Error!.Code);

        await _host.Core.Get<PaymentReconciliation>().ReconcileAsync(default);
        await _host.Core.DrainJobsAsync();

        await using var db = await _host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var order = await db.Orders.SingleAsync();
        Assert.Equal((OrderStatus.Completed, PaymentStatus.Paid), (order.Status, order.PaymentStatus));
    }

    [Fact]
    public async Task A_payment_that_never_reached_stripe_leaves_nothing_charged_and_the_order_cancelled()
    {
        var (customer, card) = await _host.CustomerWithCardAsync(_merchant.Id, "pm_card_visa");
        _connection.Down = true;
        var placed = await Place(customer, card);
        _connection.Down = false;
        Assert.Equal("PAYMENT_PROVIDER_UNAVAILABLE", placed.Error!.Code);

        await _host.Core.Get<PaymentReconciliation>().ReconcileAsync(default);

        await using var db = await _host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var order = await db.Orders.SingleAsync();
        Assert.Equal((OrderStatus.Cancelled, PaymentStatus.Unpaid), (order.Status, order.PaymentStatus));
    }

    private async Task<Order> PlaceAsync(string testCard)
    {
        var (customer, card) = await _host.CustomerWithCardAsync(_merchant.Id, testCard);
        var placed = await Place(customer, card);
        return placed.Value.Order.Order;
    }

    private Task<Common.Result<PlacedOrder>> Place(CustomerSummary customer, string card) =>
        _host.Core.Get<OrderService>().PlaceAsync(new PlaceOrder(_merchant.Id, new CustomerRef(CustomerId: customer.Id),
            [new PlaceOrderLine(_item.Id, 1)], new PaymentChoice(PaymentMethodKind.Card, card, "http://localhost/orders/{order_id}/return"),
            OrderSource.Api), Actor.System);

    private async Task<Order> OrderAsync(Guid id)
    {
        await using var db = await _host.Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.Orders.SingleAsync(o => o.Id == id);
    }
}
