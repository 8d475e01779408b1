using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Testing;
using MerchantPortal.Writing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Writing;

/// <summary>The single writer: writes waiting together share one transaction, and each fails alone.</summary>
public sealed class WriteQueueTests : CoreServiceTest
{
    private const string Counter = "order_number";

    [Fact]
    public async Task Writes_queued_while_the_writer_is_busy_commit_together_in_one_transaction()
    {
        var queue = Host.Get<WriteQueue>();
        var (busy, release) = await HoldTheWriterAsync(queue);

        var writes = Enumerable.Range(0, 10)
            .Select(i => queue.WriteAsync(async (db, _, ct) => await AuditAsync(db, $"grouped-{i}", ct), _ => true))
            .ToList();
        release.SetResult();
        await busy;
        var transactions = await Task.WhenAll(writes);

        Assert.Single(transactions.Distinct());
        Assert.Equal(10, await CountAuditsAsync("grouped-"));
    }

    [Fact]
    public async Task A_write_that_fails_or_throws_is_rolled_back_alone_and_its_numbers_are_given_back()
    {
        var queue = Host.Get<WriteQueue>();
        var (busy, release) = await HoldTheWriterAsync(queue);

        var first = queue.WriteAsync((db, batch, ct) => NumberedAuditAsync(db, batch, "kept-1", ct), _ => true);
        var refused = queue.WriteAsync((db, batch, ct) => NumberedAuditAsync(db, batch, "refused", ct), _ => false);
        var thrown = queue.WriteAsync<long>(async (db, batch, ct) =>
        {
            await NumberedAuditAsync(db, batch, "thrown", ct);
            throw new InvalidOperationException("This write breaks.");
        }, _ => true);
        var last = queue.WriteAsync((db, batch, ct) => NumberedAuditAsync(db, batch, "kept-2", ct), _ => true);
        release.SetResult();
        await busy;

        var (kept, keptLast) = (await first, await last);
        Assert.Equal(kept + 1, await refused); // numbered inside the batch, then given back
        Assert.Equal("This write breaks.", (await Assert.ThrowsAsync<InvalidOperationException>(() => thrown)).Message);
        Assert.Equal(kept + 1, keptLast);
        Assert.Equal(2, await CountAuditsAsync("kept-"));
        Assert.Equal(0, await CountAuditsAsync("refused"));
        Assert.Equal(0, await CountAuditsAsync("thrown"));
        await using var check = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.Equal(keptLast, await check.Counters.Where(c => c.Name == Counter).Select(c => c.Value).SingleAsync());
    }

    [Fact]
    public async Task A_batch_whose_commit_fails_reports_the_failure_to_every_caller_and_keeps_nothing()
    {
        var queue = Host.Get<WriteQueue>();
        var (busy, release) = await HoldTheWriterAsync(queue);
        var writes = Enumerable.Range(0, 3)
            .Select(i => queue.WriteAsync((db, batch, ct) => NumberedAuditAsync(db, batch, $"lost-{i}", ct), _ => true))
            .ToList();
        Host.Get<FailingCommits>().FailCommit(commitsFirst: 1); // the held write's batch commits; the next one fails
        release.SetResult();
        await busy;

        foreach (var write in writes)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => write);
        }

        Assert.Equal(0, await CountAuditsAsync("lost-"));
        await using var check = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.Equal(0, await check.Counters.Where(c => c.Name == Counter).Select(c => c.Value).SingleAsync());
    }

    [Fact]
    public async Task A_caller_that_gives_up_before_its_turn_is_told_so_and_nothing_is_written()
    {
        var queue = Host.Get<WriteQueue>();
        var (busy, release) = await HoldTheWriterAsync(queue);
        using var giveUp = new CancellationTokenSource();
        var abandoned = queue.WriteAsync(async (db, _, ct) => await AuditAsync(db, "abandoned", ct), _ => true, giveUp.Token);
        await giveUp.CancelAsync();
        release.SetResult();
        await busy;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(0, await CountAuditsAsync("abandoned"));
    }

    /// <summary>Queues a write that blocks the writer until released, and waits until it runs.</summary>
    private static async Task<(Task<Guid> Busy, TaskCompletionSource Release)> HoldTheWriterAsync(WriteQueue queue)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = queue.WriteAsync(async (db, _, ct) =>
        {
            running.SetResult();
            await release.Task;
            return db.Database.CurrentTransaction!.TransactionId;
        }, _ => true);
        await running.Task;
        return (busy, release);
    }

    private async Task<Guid> AuditAsync(PortalDb db, string target, CancellationToken ct)
    {
        Host.Get<AuditTrail>().Record(db, TestActors.Admin, "test.write", "test", target, "A queued write");
        await db.SaveChangesAsync(ct);
        return db.Database.CurrentTransaction!.TransactionId;
    }

    private async Task<long> NumberedAuditAsync(PortalDb db, WriteBatch batch, string target, CancellationToken ct)
    {
        var number = await batch.NextAsync(Counter, ct);
        await AuditAsync(db, target, ct);
        return number;
    }

    private async Task<int> CountAuditsAsync(string targetPrefix)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(a => a.TargetId.StartsWith(targetPrefix));
    }
}
