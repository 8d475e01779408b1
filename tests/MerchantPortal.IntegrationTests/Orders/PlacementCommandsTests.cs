using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>
/// What a balance placement asks the database, counted on a real SQLite file: every placement pays for each
/// command, so the ones whose answer is already known are not sent.
/// </summary>
public sealed class PlacementCommandsTests : CoreServiceTest
{
    private readonly CommandCounter _commands = new();

    protected override Task<CoreTestHost> StartHostAsync() =>
        CoreTestHost.StartAsync(services => services.AddSingleton<IInterceptor>(_commands));

    [Fact]
    public async Task A_balance_order_for_a_known_customer_sends_only_the_commands_it_needs()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(codes: 5);
        var orders = new TestOrders(Host.Services);
        await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, customerEmail: "amara@example.test");
        _commands.Reset();

        var placed = await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, customerEmail: "amara@example.test", merchantOrderId: "PO-2");

        Assert.Equal(2, placed.Customer.OrderCount);
        // The earlier-request look-up runs once, in the write; the customer is found by email once; the debit of a
        // new order's fresh key needs no look-up of a booked entry; nothing is delivered yet, so no code is read.
        Assert.Single(Selects("\"Orders\"", "\"MerchantOrderId\""));
        Assert.Single(Selects("\"Customers\""));
        Assert.Empty(Selects("\"LedgerEntries\""));
        Assert.Empty(Selects("\"KeyCodes\""));
    }

    [Fact]
    public async Task Reading_the_codes_of_an_order_with_nothing_delivered_asks_the_database_nothing()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(codes: 5);
        var placed = await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, item.Id);
        _commands.Reset();

        var codes = await Host.Get<DeliveredCodeReader>().ReadAsync(placed.Order, TestCatalog.Admin);

        Assert.Empty(codes);
        Assert.Equal(0, _commands.Count);
    }

    [Fact]
    public async Task A_key_orders_fulfilment_records_its_job_done_in_the_write_that_delivers()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(codes: 5);
        var placed = await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, item.Id);
        _commands.Reset();

        await Host.DrainJobsAsync();

        var order = await Host.Get<OrderQueries>().GetAsync(placed.Order.Id, TestCatalog.Admin);
        Assert.Equal(OrderStatus.Completed, order!.Order.Status);
        // Claimed, then done with the delivery: no write of its own for the outcome.
        Assert.Equal(2, _commands.WritesTo("OutboxJobs").Count(c => c.Contains("UPDATE", StringComparison.OrdinalIgnoreCase)));
    }

    private List<string> Selects(params string[] fragments) =>
        [.. _commands.Commands.Where(c => c.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            && fragments.All(f => c.Contains(f, StringComparison.Ordinal)))];
}
