using MerchantPortal.ApiKeys;
using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.IntegrationTests.ApiKeys;

/// <summary>API key services on a real SQLite database, with a clock the test moves.</summary>
public abstract class ApiKeyTest : CoreServiceTest
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 30, 0, TimeSpan.Zero));

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected ApiKeyService Keys => Host.Get<ApiKeyService>();

    protected override Task<CoreTestHost> StartHostAsync() =>
        CoreTestHost.StartAsync(services => services.AddSingleton<TimeProvider>(Clock));

    protected async Task<MerchantSummary> MerchantAsync(bool merchantUsersManageApiKeys = false)
    {
        var merchant = await Host.Catalog.MerchantAsync();
        if (merchantUsersManageApiKeys)
        {
            var set = await Host.Get<MerchantService>().SetApiKeyManagementAsync(merchant.Id, true, TestActors.Admin);
            Assert.True(set.Succeeded, set.Error?.Message);
        }

        return merchant;
    }

    protected async Task<CreatedApiKey> CreateKeyAsync(
        Guid merchantId, string[]? scopes = null, string[]? allowedIps = null, DateTime? expiresAt = null, Actor? actor = null)
    {
        var created = await Keys.CreateAsync(
            new CreateApiKey(merchantId, "Web shop", scopes ?? [Scopes.OrdersRead, Scopes.OrdersWrite], expiresAt, allowedIps), actor ?? TestActors.Admin);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value;
    }

    protected async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync();
    }

    protected async Task<T> ReadAsync<T>(Func<PortalDb, Task<T>> read)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await read(db);
    }
}
