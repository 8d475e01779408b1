using MerchantPortal.ApiKeys;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.ApiKeys;

public sealed class ApiKeyUsageTests : ApiKeyTest
{
    private readonly CommandCounter _statements = new();

    private ApiKeyUsageRecorder Recorder => Host.Get<ApiKeyUsageRecorder>();

    private ApiKeyUsageWriter Writer => Host.Get<ApiKeyUsageWriter>();

    private static ApiKeyUsageCounts Ok { get; } = new(1, 0, 0, 0);

    protected override Task<CoreTestHost> StartHostAsync() => CoreTestHost.StartAsync(services =>
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IInterceptor>(_statements);
    });

    [Fact]
    public async Task Requests_are_counted_in_memory_and_written_in_one_flush()
    {
        var merchant = await MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id);

        for (var i = 0; i < 200; i++)
        {
            Recorder.Record(key.Key.Id, Ok, "203.0.113.7");
        }

        Assert.Equal(0, await ReadAsync(db => db.ApiKeyUsage.CountAsync()));

        Assert.Equal(1, await Writer.FlushAsync());

        var row = await ReadAsync(db => db.ApiKeyUsage.AsNoTracking().SingleAsync());
        Assert.Equal(200, row.Requests);
        Assert.Equal(new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc), row.HourStart);
        var stored = await ReadAsync(db => db.ApiKeys.AsNoTracking().SingleAsync());
        Assert.Equal(Now, stored.LastUsedAt);
        Assert.Equal("203.0.113.7", stored.LastUsedIp);
        Assert.Equal(0, await Writer.FlushAsync());
    }

    [Fact]
    public async Task A_flush_sends_as_many_statements_for_500_requests_as_for_2()
    {
        var merchant = await MerchantAsync();
        var first = await CreateKeyAsync(merchant.Id);
        var second = await CreateKeyAsync(merchant.Id);
        for (var i = 0; i < 500; i++)
        {
            Recorder.Record(i % 2 == 0 ? first.Key.Id : second.Key.Id, Ok, "198.51.100.1");
        }

        _statements.Reset();
        Assert.Equal(2, await Writer.FlushAsync());
        var forMany = _statements.Count;

        Clock.Advance(TimeSpan.FromHours(1));
        Recorder.Record(first.Key.Id, Ok, "198.51.100.1");
        Recorder.Record(second.Key.Id, Ok, "198.51.100.1");
        _statements.Reset();
        Assert.Equal(2, await Writer.FlushAsync());

        Assert.Equal(_statements.Count, forMany);
        Assert.InRange(forMany, 1, 6);
        Assert.Equal([250L, 250L, 1L, 1L], await ReadAsync(db => db.ApiKeyUsage.OrderBy(u => u.HourStart).Select(u => u.Requests).ToListAsync()));
    }

    [Fact]
    public async Task Counts_add_up_per_hour_across_flushes_with_errors_replays_and_orders()
    {
        var merchant = await MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id);

        Recorder.Record(key.Key.Id, new ApiKeyUsageCounts(1, 0, 0, 1), "10.0.0.1");
        Recorder.Record(key.Key.Id, new ApiKeyUsageCounts(1, 1, 0, 0), "10.0.0.1");
        await Writer.FlushAsync();
        Recorder.Record(key.Key.Id, new ApiKeyUsageCounts(1, 0, 1, 0), "10.0.0.2");
        await Writer.FlushAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        Recorder.Record(key.Key.Id, new ApiKeyUsageCounts(1, 0, 0, 1), "10.0.0.3");
        await Writer.FlushAsync();

        var summary = (await Keys.GetAsync(key.Key.Id, Testing.TestActors.Admin)).Value;
        Assert.Equal(new ApiKeyUsageCounts(4, 1, 1, 2), summary.Usage.Totals);
        Assert.Equal([3L, 1L], summary.Usage.Hours.TakeLast(2).Select(h => h.Requests));
        Assert.Equal("10.0.0.3", summary.LastUsedIp);

        Clock.Advance(TimeSpan.FromHours(23));
        var dayLater = (await Keys.GetAsync(key.Key.Id, Testing.TestActors.Admin)).Value;
        Assert.Equal(new ApiKeyUsageCounts(1, 0, 0, 1), dayLater.Usage.Totals);
    }
}
