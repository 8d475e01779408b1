using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>
/// The portal as a newcomer's first <c>dotnet run</c> leaves it: Development settings with the whole demo (its month
/// of order history and today's orders to act on), on its own SQLite file. Started once for the demo tour; the other
/// journeys share <see cref="E2EFixture"/>, whose demo has no history.
/// </summary>
public sealed class DemoTourFixture : PortalInBrowserFixture
{
    public const string Northwind = "Northwind Games";

    public const string Contoso = "Contoso Mobile";

    public DemoTourFixture() =>
        // The test host leaves the history out to start quickly; the tour shows the demo with it (Demo:HistoricalOrders from the Development settings).
        App.Settings.Remove("Demo:HistoricalOrders");

    public async Task<MerchantSummary> MerchantAsync(string name) =>
        (await App.Services.GetRequiredService<MerchantService>().FindByNameAsync(name))!;

    /// <summary>One of the merchant's demo customers, by the email the demo gave them.</summary>
    public async Task<CustomerSummary> CustomerAsync(string merchant, string email)
    {
        var found = await App.Services.GetRequiredService<CustomerService>().SearchAsync(
            new CustomerQuery((await MerchantAsync(merchant)).Id, email), Actor.System);
        return Assert.Single(found.Items, c => c.Email == email);
    }

    /// <summary>The merchant's newest order of that customer in that status.</summary>
    public async Task<OrderSummary> OrderAsync(string merchant, string customerEmail, OrderStatus status)
    {
        var found = await App.Services.GetRequiredService<OrderQueries>().SearchAsync(
            new OrderQuery { MerchantId = (await MerchantAsync(merchant)).Id, Search = customerEmail, Statuses = [status] }, Actor.System);
        return Assert.Single(found.Items.Take(1));
    }

    /// <summary>A Northwind order paid from the balance, placed as its merchant user places one on New order; fulfilment runs in the background.</summary>
    public async Task<Order> PlaceNorthwindOrderAsync(CustomerSummary customer, string sku, int units)
    {
        var placed = await App.Services.GetRequiredService<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(customer.MerchantId, new CustomerRef(CustomerId: customer.Id), [new PlaceOrderLine((await ItemAsync(sku)).Id, units)],
                PaymentChoice.Balance, OrderSource.Dashboard),
            await new JourneyData(App).DemoMerchantUserAsync());
        Assert.True(placed.Succeeded, placed.Error?.Message);
        return placed.Value.Order.Order;
    }

    public async Task<CatalogItemSummary> ItemAsync(string sku)
    {
        var found = await App.Services.GetRequiredService<CatalogService>().SearchAsync(new CatalogQuery(sku, IncludeInactive: true), Actor.System);
        return Assert.Single(found.Items, i => i.Sku == sku);
    }
}
