using MerchantPortal.Identity;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.IntegrationTests.Orders;

public sealed class JobLeaseTests : CoreServiceTest
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected override Task<CoreTestHost> StartHostAsync() =>
        CoreTestHost.StartAsync(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task A_job_whose_worker_crashed_is_taken_over_after_the_lease_and_finishes_once()
    {
        var orderId = await PlaceKeyOrderAsync(units: 2, codes: 5);
        await RemoveAllJobsButFulfilmentAsync();
        var runner = Host.Get<JobRunner>();
        var claims = Host.Get<JobClaims>();

        // Worker A claims the job and dies before finishing it.
        var claimedByA = await claims.ClaimAsync("worker-a", JobTypes.FulfilOrder, 10, CancellationToken.None);
        Assert.Single(claimedByA);

        // While A's lease lasts, nobody else may take the job.
        Assert.Empty(await claims.ClaimAsync("worker-b", JobTypes.FulfilOrder, 10, CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await runner.RunDueJobsAsync("worker-b", CancellationToken.None));

        // A wakes up and runs its stale copy: the work is idempotent and its outcome is not recorded.
        await runner.RunAsync("worker-a", claimedByA[0], CancellationToken.None);

        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var job = await db.OutboxJobs.SingleAsync(j => j.Type == JobTypes.FulfilOrder);
        Assert.Equal(JobStatus.Done, job.Status);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(2, await db.KeyCodes.CountAsync(c => c.Status == KeyCodeStatus.Delivered));
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal(1, await db.OrderEvents.CountAsync(e => e.OrderId == orderId && e.Type == OrderEventTypes.Completed));
    }

    [Fact]
    public async Task With_the_default_settings_a_crashed_workers_job_is_taken_over_within_ten_seconds()
    {
        await PlaceKeyOrderAsync(units: 1, codes: 2);
        await RemoveAllJobsButFulfilmentAsync();
        var claims = Host.Get<JobClaims>();
        var defaults = new JobOptions();
        Assert.Single(await claims.ClaimAsync("worker-a", JobTypes.FulfilOrder, 10, CancellationToken.None));

        // The restarted instance's idle lane looks every PollInterval, so the lease must be over one poll before ten seconds.
        _clock.Advance(TimeSpan.FromSeconds(10) - defaults.PollInterval);

        Assert.Single(await claims.ClaimAsync("worker-b", JobTypes.FulfilOrder, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_job_is_retried_later_with_backoff()
    {
        await PlaceKeyOrderAsync(units: 1, codes: 1);
        await RemoveAllJobsButFulfilmentAsync();
        await using (var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            // Break the payload so the handler throws.
            await db.OutboxJobs.Where(j => j.Type == JobTypes.FulfilOrder).ExecuteUpdateAsync(s => s.SetProperty(j => j.Payload, "not-a-guid"));
        }

        var runner = Host.Get<JobRunner>();
        Assert.Equal(1, await runner.RunDueJobsAsync("worker", CancellationToken.None));
        Assert.Equal(0, await runner.RunDueJobsAsync("worker", CancellationToken.None));

        _clock.Advance(TimeSpan.FromSeconds(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await runner.RunDueJobsAsync("worker", CancellationToken.None));

        await using var check = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var job = await check.OutboxJobs.SingleAsync(j => j.Type == JobTypes.FulfilOrder);
        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.Equal(2, job.Attempts);
        Assert.NotNull(job.LastError);
    }

    private async Task<Guid> PlaceKeyOrderAsync(int units, int codes)
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: codes);
        var placed = await Host.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: "c@test.example"), [new PlaceOrderLine(key.Id, units)], PaymentChoice.Balance, OrderSource.Api),
            Actor.User("u", "u@test.example", merchant.Id, Roles.Merchant));
        return placed.Value.Order.Order.Id;
    }

    /// <summary>The placement's other jobs (its order.created dispatch) run in their own lane; these tests count only fulfilment.</summary>
    private async Task RemoveAllJobsButFulfilmentAsync()
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        await db.OutboxJobs.Where(j => j.Type != JobTypes.FulfilOrder).ExecuteDeleteAsync();
    }
}
