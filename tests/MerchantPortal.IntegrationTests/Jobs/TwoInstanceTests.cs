using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Jobs;

/// <summary>
/// Two instances of the service layer on one database, each placing orders and running its own fulfilment worker
/// side by side, 1,000 orders in all: every job runs once, every code is delivered once, and every order ends complete.
/// </summary>
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private const int OrdersPerInstance = 500;

    private CoreTestHost _first = default!;
    private CoreTestHost _second = default!;

    // Two instances on one SQLite file take turns at its single write lock, and on a busy machine one can wait seconds
    // for it; a lease that lapsed meanwhile hands a running job to the other instance (at least once, by design: the
    // job is idempotent and delivers nothing twice). Leases longer than any such wait keep this test about claims
    // racing each other; the kill test proves recovery with the 6 s default.
    private const string Lease = "00:00:30";

    public async Task InitializeAsync()
    {
        _first = await CoreTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Jobs:LeaseDuration"] = Lease });
        _second = await CoreTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={_first.DatabasePath}",
            ["Jobs:LeaseDuration"] = Lease,
        });
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Orders_placed_and_fulfilled_by_two_instances_at_once_run_each_job_once_and_deliver_each_code_once()
    {
        var merchant = await _first.Catalog.MerchantAsync(balance: 2_000m);
        var item = await _first.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 2 * OrdersPerInstance);

        // Both instances place while both workers run, so claims race placements as well as each other.
        using var placing = new CancellationTokenSource();
        var workers = new[] { WorkAsync(_first, "instance-a", placing.Token), WorkAsync(_second, "instance-b", placing.Token) };
        await Task.WhenAll(PlaceAsync(_first, merchant.Id, item.Id), PlaceAsync(_second, merchant.Id, item.Id));
        await placing.CancelAsync();
        await Task.WhenAll(workers);
        await Task.WhenAll(_first.DrainJobsAsync("instance-a"), _second.DrainJobsAsync("instance-b"));

        await using var db = await _first.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var jobs = await db.OutboxJobs.Where(j => j.Type == JobTypes.FulfilOrder).ToListAsync();
        Assert.Equal(2 * OrdersPerInstance, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((JobStatus.Done, 1), (j.Status, j.Attempts)));
        Assert.Equal(2 * OrdersPerInstance, await db.Orders.CountAsync(o => o.MerchantId == merchant.Id && o.Status == OrderStatus.Completed));
        var delivered = await db.KeyCodes.Where(c => c.ItemId == item.Id && c.Status == KeyCodeStatus.Delivered).ToListAsync();
        Assert.Equal(2 * OrdersPerInstance, delivered.Count);
        Assert.Equal(2 * OrdersPerInstance, delivered.Select(c => c.OrderLineId).Distinct().Count());
    }

    private static async Task PlaceAsync(CoreTestHost host, Guid merchantId, long itemId)
    {
        var orders = new TestOrders(host.Services);
        for (var i = 0; i < OrdersPerInstance; i++)
        {
            await orders.PlaceKeyOrderAsync(merchantId, itemId);
        }
    }

    /// <summary>One instance's worker: runs due jobs until placing is over (the drain afterwards runs the rest).</summary>
    private static async Task WorkAsync(CoreTestHost host, string workerId, CancellationToken placing)
    {
        var runner = host.Get<JobRunner>();
        while (!placing.IsCancellationRequested)
        {
            if (await runner.RunDueJobsAsync(workerId, CancellationToken.None) == 0)
            {
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }
}
