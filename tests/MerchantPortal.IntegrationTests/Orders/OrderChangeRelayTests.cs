using MerchantPortal.Auditing;
using MerchantPortal.Changes;
using MerchantPortal.Customers;
using MerchantPortal.Fulfilment;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>
/// An order page open on one instance hears of a change another instance's worker made: the change travels through
/// the change feed in the shared database, published by the instance that made it.
/// </summary>
public sealed class OrderChangeRelayTests : CoreServiceTest
{
    [Fact]
    public async Task An_order_fulfilled_by_another_instance_is_heard_by_this_instances_pages()
    {
        var orderId = await PlaceAsync();
        await using var other = await SecondInstanceAsync();
        var heard = new List<Guid>();
        Host.Get<OrderChangeNotifier>().OrderChanged += heard.Add;
        var relay = Host.Get<OrderChangeRelay>();
        await relay.StartAsync(CancellationToken.None);
        try
        {
            await Host.Get<ChangeFeedPoller>().PollAsync(CancellationToken.None);

            await other.Get<FulfilmentService>().FulfilAsync(orderId, CancellationToken.None);
            Assert.Empty(heard);
            Assert.Equal(1, await other.Get<OrderChangeRelay>().PublishAsync(CancellationToken.None));
            await Host.Get<ChangeFeedPoller>().PollAsync(CancellationToken.None);

            Assert.Equal([orderId], heard);
            Assert.Equal(0, await other.Get<OrderChangeRelay>().PublishAsync(CancellationToken.None));
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Changes_a_failed_publish_did_not_write_are_published_by_the_next_one()
    {
        var orderId = await PlaceAsync();
        await Host.Get<FulfilmentService>().FulfilAsync(orderId, CancellationToken.None);
        var heard = new List<string>();
        using var subscription = Host.Get<IChangeFeed>().Subscribe(ChangeTopics.Order, n => heard.Add(n.Key));
        var poller = Host.Get<ChangeFeedPoller>();
        await poller.PollAsync(CancellationToken.None);

        Host.Get<FailingCommits>().FailCommit();
        Assert.Equal(0, await Host.Get<OrderChangeRelay>().PublishAsync(CancellationToken.None));
        await poller.PollAsync(CancellationToken.None);
        Assert.Empty(heard);

        Assert.Equal(1, await Host.Get<OrderChangeRelay>().PublishAsync(CancellationToken.None));
        await poller.PollAsync(CancellationToken.None);
        Assert.Equal([orderId.ToString()], heard);
    }

    private async Task<CoreTestHost> SecondInstanceAsync() => await CoreTestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["ConnectionStrings:Portal"] = $"Data Source={Host.DatabasePath}",
    });

    private async Task<Guid> PlaceAsync()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 500m);
        var key = await Host.Catalog.KeyItemAsync(codes: 2);
        var placed = await Host.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: "c@test.example"), [new PlaceOrderLine(key.Id, 1)], PaymentChoice.Balance,
                OrderSource.Dashboard),
            Actor.User("merchant-user", "m@test.example", merchant.Id, Roles.Merchant));
        Assert.True(placed.Succeeded, placed.Error?.Message);
        return placed.Value.Order.Order.Id;
    }
}
