using MerchantPortal.ApiKeys;
using MerchantPortal.Caching;
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

    protected async Task<CreatedApiKey> CreateKeyAsync(Guid merchantId)
    {
        var created = await Host.Get<ApiKeyService>().CreateAsync(
            new CreateApiKey(merchantId, "Web shop", [Scopes.OrdersRead], ExpiresAt: null), TestActors.Admin);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value;
    }
}
