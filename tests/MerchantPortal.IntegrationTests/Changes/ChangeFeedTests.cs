using MerchantPortal.Changes;
using MerchantPortal.Data;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.IntegrationTests.Changes;

/// <summary>The change feed carries a change from one app instance to the others through the shared database.</summary>
public sealed class ChangeFeedTests : CoreServiceTest
{
    [Fact]
    public async Task A_change_published_on_one_instance_is_heard_on_another()
    {
        await using var other = await CoreTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Host.DatabasePath}",
        });
        var poller = other.Get<ChangeFeedPoller>();
        await poller.StartAsync(CancellationToken.None);
        try
        {
            var heard = new TaskCompletionSource<ChangeNotice>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = other.Get<IChangeFeed>().Subscribe(ChangeTopics.ApiKey, notice => heard.TrySetResult(notice));

            await Host.Get<IChangeFeed>().PublishAsync(ChangeTopics.ApiKey, "key-123");

            var notice = await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal((ChangeTopics.ApiKey, "key-123"), (notice.Topic, notice.Key));
        }
        finally
        {
            await poller.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_instance_hears_changes_from_its_start_on_not_the_history_and_only_its_topics()
    {
        var feed = Host.Get<IChangeFeed>();
        await feed.PublishAsync(ChangeTopics.Merchant, "before-start");
        var poller = Host.Get<ChangeFeedPoller>();
        var heard = new List<ChangeNotice>();
        using var merchants = feed.Subscribe(ChangeTopics.Merchant, heard.Add);

        await poller.PollAsync(CancellationToken.None);
        await feed.PublishAsync(ChangeTopics.Merchant, "after-start");
        await feed.PublishAsync(ChangeTopics.CatalogItem, "42");
        await poller.PollAsync(CancellationToken.None);
        await poller.PollAsync(CancellationToken.None);

        Assert.Equal(["after-start"], heard.Select(n => n.Key));
    }

    [Fact]
    public async Task A_change_added_to_a_unit_of_work_is_published_only_when_it_is_saved()
    {
        var feed = Host.Get<IChangeFeed>();
        var poller = Host.Get<ChangeFeedPoller>();
        var heard = new List<string>();
        using var orders = feed.Subscribe(ChangeTopics.Order, n => heard.Add(n.Key));
        await poller.PollAsync(CancellationToken.None);

        await using (var discarded = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            feed.Add(discarded, ChangeTopics.Order, "not-saved");
        }

        await using (var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            feed.Add(db, ChangeTopics.Order, "saved");
            await db.SaveChangesAsync();
        }

        await poller.PollAsync(CancellationToken.None);
        Assert.Equal(["saved"], heard);
    }

    [Fact]
    public async Task One_poll_hears_every_change_committed_since_the_last_however_many()
    {
        var feed = Host.Get<IChangeFeed>();
        var poller = Host.Get<ChangeFeedPoller>();
        var heard = new List<string>();
        using var orders = feed.Subscribe(ChangeTopics.Order, n => heard.Add(n.Key));
        await poller.PollAsync(CancellationToken.None);

        await using (var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            for (var i = 0; i < 2_500; i++)
            {
                feed.Add(db, ChangeTopics.Order, $"order-{i}");
            }

            await db.SaveChangesAsync();
        }

        await poller.PollAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 2_500).Select(i => $"order-{i}"), heard);
    }
}

/// <summary>Old change feed entries are pruned.</summary>
public sealed class ChangeFeedPruningTests : CoreServiceTest
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected override Task<CoreTestHost> StartHostAsync() =>
        CoreTestHost.StartAsync(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task Entries_older_than_the_retention_are_pruned()
    {
        var feed = Host.Get<IChangeFeed>();
        await feed.PublishAsync(ChangeTopics.CatalogItem, "old");
        _clock.Advance(TimeSpan.FromMinutes(61));
        await feed.PublishAsync(ChangeTopics.CatalogItem, "recent");

        Assert.Equal(1, await Host.Get<ChangeFeedPoller>().PruneAsync(CancellationToken.None));

        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.Equal(["recent"], await db.ChangeFeed.Select(e => e.Key).ToListAsync());
    }
}
