using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Xunit;

namespace MerchantPortal.Testing;

/// <summary>
/// Base of card payment tests: the service layer on its own Stripe sandbox, a merchant and a key item, and a
/// Stripe connection that can be made to fail on demand.
/// </summary>
public abstract class CardServiceTest : IAsyncLifetime
{
    protected UnreliableStripeConnection Connection { get; } = new();

    protected CardTestHost Host { get; private set; } = default!;

    protected MerchantSummary Merchant { get; private set; } = default!;

    protected CatalogItem Item { get; private set; } = default!;

    /// <summary>Extra settings for the host, e.g. a shorter payment timeout.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        Host = await CardTestHost.StartAsync(services => services.AddSingleton<IHttpClient>(Connection), Settings);
        Merchant = await Host.Core.Catalog.MerchantAsync(balance: 10m);
        Item = await Host.Core.Catalog.KeyItemAsync(unitPriceMinor: 2500, codes: 10);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Connection.Dispose();
    }

    /// <summary>One unit of <see cref="Item"/> for the customer, paid with the card.</summary>
    protected PlaceOrder CardOrder(CustomerSummary customer, string paymentMethodId) => new(
        Merchant.Id, new CustomerRef(CustomerId: customer.Id), [new PlaceOrderLine(Item.Id, 1)],
        new PaymentChoice(PaymentMethodKind.Card, paymentMethodId, "http://localhost/orders/{order_id}/payment-return"), OrderSource.Api);

    protected Task<Common.Result<PlacedOrder>> PlaceAsync(CustomerSummary customer, string paymentMethodId) =>
        Host.Core.Get<OrderPlacementService>().PlaceAsync(CardOrder(customer, paymentMethodId), Actor.System);
}
