using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Customers;

/// <summary>A customer's lifetime spend, last order and "since" date, on the page and in the list.</summary>
public sealed class CustomerHistoryTests : CoreServiceTest
{
    private CustomerService Customers => Host.Get<CustomerService>();

    [Fact]
    public async Task Lifetime_spend_is_what_paid_orders_cost_less_what_refunds_returned()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 1_000m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 2_000, codes: 3);
        var partial = await PlaceAsync(merchant.Id, key.Id, units: 5, "amara@example.test");
        await Host.DrainJobsAsync();
        var refund = await Host.Get<RefundService>().RequestAsync(
            new RequestRefund(partial.Order.Id, null, RefundDestination.Balance, RefundReason.Undelivered), TestActors.Support);
        Assert.Equal(4_000, refund.Value.Refund.AmountMinor);
        await Host.Catalog.AddCodesAsync(key.Id, 1);
        var latest = await PlaceAsync(merchant.Id, key.Id, units: 1, "amara@example.test");
        await Host.DrainJobsAsync();

        var profile = await Customers.GetProfileAsync(partial.Customer.Id, TestActors.MerchantUser(merchant.Id));
        var listed = (await Customers.SearchAsync(new CustomerQuery(merchant.Id), TestActors.MerchantUser(merchant.Id))).Items.Single();

        // 5 × $20.00 less $40.00 refunded for two undelivered keys, plus 1 × $20.00.
        Assert.Equal(new CustomerSpend("USD", 8_000), Assert.Single(profile!.LifetimeSpend));
        Assert.Equal(latest.Order.Id, profile.LastOrder!.Id);
        Assert.Equal(latest.Order.Reference, profile.LastOrder.Reference);
        Assert.Equal(new CustomerSpend("USD", 8_000), Assert.Single(listed.LifetimeSpend));
        Assert.Equal(profile.LastOrder.CreatedAt, listed.LastOrderAt);
    }

    [Fact]
    public async Task A_customer_without_paid_orders_has_no_spend_and_no_last_order()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var nia = (await Customers.FindOrCreateAsync(merchant.Id, new CustomerRef(Email: "nia@example.test"), TestCatalog.Admin)).Value;

        var profile = await Customers.GetProfileAsync(nia.Id, TestActors.Admin);

        Assert.Empty(profile!.LifetimeSpend);
        Assert.Null(profile.LastOrder);
        Assert.Equal(nia.CreatedAt, profile.Since);
    }

    [Fact]
    public async Task Since_is_the_first_order_when_it_is_earlier_than_the_customer_record()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(codes: 2);
        var first = await PlaceAsync(merchant.Id, key.Id, units: 1, "amara@example.test");
        var firstOrderAt = new DateTime(2024, 3, 1, 9, 30, 0, DateTimeKind.Utc);
        await using (var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            await db.Orders.Where(o => o.Id == first.Order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, firstOrderAt));
        }

        var profile = await Customers.GetProfileAsync(first.Customer.Id, TestActors.Admin);
        var listed = (await Customers.SearchAsync(new CustomerQuery(merchant.Id), TestActors.Admin)).Items.Single();

        Assert.Equal(firstOrderAt, profile!.Since);
        Assert.Equal(firstOrderAt, listed.Since);
        Assert.True(listed.CreatedAt > firstOrderAt);
    }

    private async Task<OrderDetails> PlaceAsync(Guid merchant, long item, int units, string email)
    {
        var placed = await Host.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant, new CustomerRef(Email: email), [new PlaceOrderLine(item, units)], PaymentChoice.Balance, OrderSource.Dashboard),
            TestActors.MerchantUser(merchant));
        return placed.Value.Order;
    }
}
