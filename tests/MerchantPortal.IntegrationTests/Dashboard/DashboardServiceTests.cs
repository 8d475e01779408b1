using MerchantPortal.Identity;
using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Dashboard;
using MerchantPortal.Orders;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Dashboard;

public sealed class DashboardServiceTests : CoreServiceTest
{
    [Fact]
    public async Task Today_counts_orders_and_revenue_and_lists_partial_orders_for_attention()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var other = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 3);
        var actor = Actor.User("m", "m@test.example", merchant.Id, Roles.Merchant);
        await PlaceAsync(merchant.Id, key.Id, 2, actor);
        await PlaceAsync(merchant.Id, key.Id, 2, actor); // only one code left: ends partial
        await PlaceAsync(other.Id, key.Id, 1, Actor.User("o", "o@test.example", other.Id, Roles.Merchant));
        await Host.DrainJobsAsync();

        var figures = await Host.Get<DashboardService>().GetAsync(actor);

        Assert.Equal(30, figures.Days.Count);
        Assert.Equal(2, figures.Today.Orders);
        Assert.Equal(4000, figures.Today.Revenue["USD"]);
        var attention = Assert.Single(figures.NeedsAttention);
        Assert.Equal(1, figures.NeedsAttentionCount);
        Assert.Equal(OrderStatus.Partial, attention.Status);
        Assert.Equal(1, attention.UndeliveredUnits);

        var everyone = await Host.Get<DashboardService>().GetAsync(Actor.System);
        Assert.Equal(3, everyone.Today.Orders);
    }

    private async Task PlaceAsync(Guid merchantId, long itemId, int units, Actor actor)
    {
        var placed = await Host.Get<OrderPlacementService>().PlaceAsync(new PlaceOrder(merchantId, new CustomerRef(Email: "c@test.example"),
            [new PlaceOrderLine(itemId, units)], PaymentChoice.Balance, OrderSource.Dashboard), actor);
        Assert.True(placed.Succeeded, placed.Error?.Message);
    }
}
