using MerchantPortal.ApiKeys;
using MerchantPortal.Caching;
using MerchantPortal.Changes;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.IntegrationTests.Caching;

/// <summary>
/// The reference cache on a real SQLite database, counting the commands sent. The clock only moves when a test moves
/// it, so no entry ages out by itself: whatever a test sees change, a change notice or a local drop made it change.
/// </summary>
public abstract class ReferenceCacheTest : CoreServiceTest
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 30, 0, TimeSpan.Zero));

    protected CommandCounter Commands { get; } = new();

    protected ReferenceCache Cache => Host.Get<ReferenceCache>();

    protected override Task<CoreTestHost> StartHostAsync() => CoreTestHost.StartAsync(services =>
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IInterceptor>(Commands);
    });

    /// <summary>
    /// Another instance on the same database, with its own cache and a clock of its own that does not move either. Its
    /// change feed poller has taken its starting point; the test polls it (<see cref="ChangeFeedPoller.PollAsync"/>).
    /// </summary>
    protected async Task<CoreTestHost> SecondInstanceAsync()
    {
        var other = await CoreTestHost.StartAsync(
            services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Clock.GetUtcNow())),
            new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={Host.DatabasePath}" });
        await other.Get<ChangeFeedPoller>().PollAsync(CancellationToken.None);
        return other;
    }

    /// <summary>Polls the instance's change feed until the condition holds; no assertion on how fast.</summary>
    protected static Task AfterPollsAsync(CoreTestHost instance, Func<Task<bool>> condition, string what) =>
        Eventually.HoldsAsync(async () =>
        {
            await instance.Get<ChangeFeedPoller>().PollAsync(CancellationToken.None);
            return await condition();
        }, what);

    protected async Task<CreatedApiKey> CreateKeyAsync(Guid merchantId)
    {
        var created = await Host.Get<ApiKeyService>().CreateAsync(
            new CreateApiKey(merchantId, "Web shop", [Scopes.OrdersRead], ExpiresAt: null), TestActors.Admin);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value;
    }
}
