using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.IntegrationTests.Data;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>
/// The Orders grid as staff filter it across every merchant, read by SQLite's plans for the very commands the grid's
/// page sends: a status, payment, fulfilment or refund filter is answered from an index of the orders it keeps, in number order,
/// instead of walking every order newest first until a page is found. The history is of mostly completed orders, with
/// the statistics the app keeps.
/// </summary>
public sealed class StaffOrderFilterQueryPlanTests : CoreServiceTest
{
    private readonly CommandCounter _commands = new();

    protected override Task<CoreTestHost> StartHostAsync() =>
        CoreTestHost.StartAsync(services => services.AddSingleton<IInterceptor>(_commands));

    public static TheoryData<string, string> Filters => new()
    {
        { "status cancelled", "IX_Orders_Status_Number" },
        { "status pending or processing", "IX_Orders_Status_Number" },
        { "payment refunded", "IX_Orders_PaymentStatus_Number" },
        { "fulfilment unfulfilled", "IX_Orders_FulfillmentStatus_Number" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_status_filter_reads_its_own_index_in_number_order(string filter, string index)
    {
        var plans = await PlansOfPageAsync(QueryFor(filter));

        Assert.NotEmpty(plans);
        Assert.All(plans, plan =>
        {
            Assert.Contains(plan, line => line.StartsWith("SEARCH o ", StringComparison.Ordinal) && line.Contains(index, StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Several_statuses_are_read_one_status_at_a_time()
    {
        var plans = await PlansOfPageAsync(QueryFor("status pending or processing"));

        // A count and a page per status: an IN over both would have to sort, so the planner would walk every order instead.
        Assert.Equal(4, plans.Count);
    }

    [Fact]
    public async Task A_page_after_a_key_by_total_starts_at_the_key_in_the_total_index()
    {
        // Every order of the history has the key's total: one range from the total down would walk all of them.
        var plans = await PlansOfPageAsync(new OrderQuery { Sort = OrderSort.TotalHighest }, new OrderPagePosition(After: new OrderPageKey(2_500, 1000)));

        var page = Assert.Single(plans, plan => plan.Any(line => line.Contains("Number<?", StringComparison.Ordinal)));
        Assert.Contains(page, line => line.Contains("IX_Orders_TotalMinor_Number (TotalMinor=? AND Number<?)", StringComparison.Ordinal));
        Assert.Contains(page, line => line.Contains("IX_Orders_TotalMinor_Number (TotalMinor<?)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refund_filter_looks_up_the_refunded_orders_by_id()
    {
        var plans = await PlansOfPageAsync(new OrderQuery { Refunds = RefundFilter.Any });

        Assert.All(plans, plan =>
        {
            Assert.Contains(plan, line => line.StartsWith("SEARCH o USING INDEX sqlite_autoindex_Orders_1 (Id=?)", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line == "SCAN o" || line.StartsWith("SCAN o ", StringComparison.Ordinal));
        });
    }

    private static OrderQuery QueryFor(string filter) => filter switch
    {
        "status cancelled" => new OrderQuery { Statuses = [OrderStatus.Cancelled] },
        "status pending or processing" => new OrderQuery { Statuses = [OrderStatus.Pending, OrderStatus.Processing] },
        "payment refunded" => new OrderQuery { PaymentStatus = PaymentStatus.Refunded },
        _ => new OrderQuery { FulfillmentStatus = FulfillmentStatus.Unfulfilled },
    };

    /// <summary>Runs the grid's first page for staff, then explains each command it sent that reads the orders.</summary>
    private async Task<List<List<string>>> PlansOfPageAsync(OrderQuery query, OrderPagePosition? position = null)
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, (await Host.Catalog.KeyItemAsync(codes: 1)).Id);
        await OrderCopies.AddHistoryAsync(Host.DatabasePath, 5_000);
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        _commands.Reset();

        await Host.Get<OrderQueries>().PageAsync(query, position ?? OrderPagePosition.First, Actor.System);

        var plans = new List<List<string>>();
        foreach (var command in _commands.Commands.Where(c => c.Contains("FROM \"Orders\" AS \"o\"", StringComparison.Ordinal)))
        {
            plans.Add(await QueryPlan.LinesOfSqlAsync(db, command));
        }

        return plans;
    }
}
