using MerchantPortal.Identity;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Orders;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Orders;

public sealed class FulfilmentTests : CoreServiceTest
{
    [Fact]
    public async Task A_key_order_in_stock_completes_with_its_codes_and_a_timeline()
    {
        var (merchant, actor) = await MerchantAsync();
        var key = await Host.Catalog.KeyItemAsync(codes: 5);

        var order = await PlaceAndFulfilAsync(merchant, actor, new PlaceOrderLine(key.Id, 3));

        Assert.Equal(OrderStatus.Completed, order.Order.Status);
        Assert.Equal(FulfillmentStatus.Fulfilled, order.Order.FulfillmentStatus);
        Assert.Equal(3, order.CodesByLine[order.Order.Lines[0].Id].Count);
        Assert.Equal(
            [OrderEventTypes.Created, OrderEventTypes.PaymentSucceeded, OrderEventTypes.FulfilmentStarted, OrderEventTypes.LineDelivered, OrderEventTypes.Completed],
            order.Order.Events.OrderBy(e => e.Id).Select(e => e.Type));
    }

    [Fact]
    public async Task An_order_larger_than_stock_ends_partial_with_the_undelivered_units_recorded()
    {
        var (merchant, actor) = await MerchantAsync();
        var key = await Host.Catalog.KeyItemAsync(codes: 2);

        var order = await PlaceAndFulfilAsync(merchant, actor, new PlaceOrderLine(key.Id, 5));

        var line = order.Order.Lines.Single();
        Assert.Equal(OrderStatus.Partial, order.Order.Status);
        Assert.Equal(FulfillmentStatus.Partial, order.Order.FulfillmentStatus);
        Assert.Equal(2, line.DeliveredUnits);
        Assert.Equal(3, line.UndeliveredUnits);
        Assert.Equal(OrderErrorCodes.OutOfStock, line.FailureCode);
    }

    [Fact]
    public async Task Nothing_in_stock_fails_the_order_with_out_of_stock()
    {
        var (merchant, actor) = await MerchantAsync();
        var key = await Host.Catalog.KeyItemAsync(codes: 0);

        var order = await PlaceAndFulfilAsync(merchant, actor, new PlaceOrderLine(key.Id, 1));

        Assert.Equal(OrderStatus.Failed, order.Order.Status);
        Assert.Equal(OrderErrorCodes.OutOfStock, order.Order.ErrorCode);
    }

    [Fact]
    public async Task A_provider_failure_on_one_line_of_two_ends_partial()
    {
        var (merchant, actor) = await MerchantAsync();
        var good = await Host.Catalog.ServiceItemAsync(behaviour: FulfilmentBehaviour.Succeed);
        var bad = await Host.Catalog.TopUpItemAsync(behaviour: FulfilmentBehaviour.Fail);

        var order = await PlaceAndFulfilAsync(merchant, actor,
            new PlaceOrderLine(good.Id, null, new Dictionary<string, string?> { ["account_id"] = "acct-1" }),
            new PlaceOrderLine(bad.Id, 10m, new Dictionary<string, string?> { ["phone_number"] = "+447700900123", ["network"] = "1" }));

        Assert.Equal(OrderStatus.Partial, order.Order.Status);
        Assert.NotNull(order.Order.Lines[0].ProviderReference);
        Assert.Equal(OrderErrorCodes.ProviderError, order.Order.Lines[1].FailureCode);
    }

    [Fact]
    public async Task Configured_simulator_failure_fails_a_default_item_with_provider_error()
    {
        await using var host = await CoreTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Fulfilment:Simulator:Mode"] = "Fail" });
        var merchant = await host.Catalog.MerchantAsync(balance: 100m);
        var service = await host.Catalog.ServiceItemAsync(behaviour: FulfilmentBehaviour.Default);
        var actor = Actor.User("u", "u@test.example", merchant.Id, Roles.Merchant);

        var placed = await host.Get<OrderPlacementService>().PlaceAsync(new PlaceOrder(merchant.Id, new CustomerRef(Email: "c@test.example"),
            [new PlaceOrderLine(service.Id, null, new Dictionary<string, string?> { ["account_id"] = "x" })], PaymentChoice.Balance, OrderSource.Dashboard), actor);
        await host.DrainJobsAsync();

        var order = await host.Get<OrderQueries>().GetAsync(placed.Value.Order.Order.Id, actor);
        Assert.Equal(OrderStatus.Failed, order!.Order.Status);
        Assert.Equal(OrderErrorCodes.ProviderError, order.Order.ErrorCode);
    }

    [Fact]
    public async Task Running_fulfilment_again_after_it_finished_changes_nothing()
    {
        var (merchant, actor) = await MerchantAsync();
        var key = await Host.Catalog.KeyItemAsync(codes: 3);
        var order = await PlaceAndFulfilAsync(merchant, actor, new PlaceOrderLine(key.Id, 2));

        await Host.Get<MerchantPortal.Fulfilment.FulfilmentService>().FulfilAsync(order.Order.Id, CancellationToken.None);

        var again = await Host.Get<OrderQueries>().GetAsync(order.Order.Id, actor);
        Assert.Equal(2, again!.CodesByLine.Values.Single().Count);
        Assert.Equal(order.Order.Events.Count, again.Order.Events.Count);
    }

    [Fact]
    public async Task A_crash_at_the_commit_of_a_key_order_leaves_it_untouched_and_the_next_run_delivers_it_once()
    {
        var (merchant, actor) = await MerchantAsync();
        var first = await Host.Catalog.KeyItemAsync(codes: 2);
        var second = await Host.Catalog.KeyItemAsync(codes: 1);
        var placed = await Host.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant, new CustomerRef(Email: "c@test.example"),
                [new PlaceOrderLine(first.Id, 2), new PlaceOrderLine(second.Id, 1)], PaymentChoice.Balance, OrderSource.Dashboard), actor);
        var orderId = placed.Value.Order.Order.Id;
        var fulfilment = Host.Get<MerchantPortal.Fulfilment.FulfilmentService>();

        // Start, both lines and the finish are one write: the failed commit takes all of them back, not a part.
        Host.Get<FailingCommits>().FailCommit();
        await Assert.ThrowsAnyAsync<Exception>(() => fulfilment.FulfilAsync(orderId, CancellationToken.None));
        var untouched = (await Host.Get<OrderQueries>().GetAsync(orderId, actor))!;
        Assert.Equal(OrderStatus.Pending, untouched.Order.Status);
        Assert.All(untouched.Order.Lines, l => Assert.Equal(0, l.DeliveredUnits));
        Assert.Equal([OrderEventTypes.Created, OrderEventTypes.PaymentSucceeded], untouched.Order.Events.OrderBy(e => e.Id).Select(e => e.Type));

        await fulfilment.FulfilAsync(orderId, CancellationToken.None);
        await fulfilment.FulfilAsync(orderId, CancellationToken.None);

        var delivered = (await Host.Get<OrderQueries>().GetAsync(orderId, actor))!;
        Assert.Equal(OrderStatus.Completed, delivered.Order.Status);
        Assert.Equal([2, 1], delivered.Order.Lines.OrderBy(l => l.LineNumber).Select(l => delivered.CodesByLine[l.Id].Count));
        Assert.Equal(
            [OrderEventTypes.Created, OrderEventTypes.PaymentSucceeded, OrderEventTypes.FulfilmentStarted, OrderEventTypes.LineDelivered,
                OrderEventTypes.LineDelivered, OrderEventTypes.Completed],
            delivered.Order.Events.OrderBy(e => e.Id).Select(e => e.Type));
    }

    private async Task<(Guid MerchantId, Actor Actor)> MerchantAsync()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 500m);
        return (merchant.Id, Actor.User("merchant-user", "m@test.example", merchant.Id, Roles.Merchant));
    }

    private async Task<OrderDetails> PlaceAndFulfilAsync(Guid merchantId, Actor actor, params PlaceOrderLine[] lines)
    {
        var placed = await Host.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchantId, new CustomerRef(Email: "c@test.example"), lines, PaymentChoice.Balance, OrderSource.Dashboard), actor);
        Assert.True(placed.Succeeded, placed.Error?.Message);
        await Host.DrainJobsAsync();
        return (await Host.Get<OrderQueries>().GetAsync(placed.Value.Order.Order.Id, actor))!;
    }
}
