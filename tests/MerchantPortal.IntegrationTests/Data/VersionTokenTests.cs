using MerchantPortal.Data;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Data;

public sealed class VersionTokenTests : CoreServiceTest
{
    [Fact]
    public async Task Every_update_increments_the_version()
    {
        var id = await CreateMerchantAsync();
        var dbs = Host.Get<IDbContextFactory<PortalDb>>();

        await using (var db = await dbs.CreateDbContextAsync())
        {
            var merchant = await db.Merchants.SingleAsync(m => m.Id == id);
            merchant.Rename("Renamed once");
            await db.SaveChangesAsync();
        }

        await using var check = await dbs.CreateDbContextAsync();
        Assert.Equal(1, (await check.Merchants.SingleAsync(m => m.Id == id)).Version);
    }

    [Fact]
    public async Task A_write_based_on_a_stale_version_is_rejected()
    {
        var id = await CreateMerchantAsync();
        var dbs = Host.Get<IDbContextFactory<PortalDb>>();
        await using var first = await dbs.CreateDbContextAsync();
        await using var second = await dbs.CreateDbContextAsync();
        var mine = await first.Merchants.SingleAsync(m => m.Id == id);
        var theirs = await second.Merchants.SingleAsync(m => m.Id == id);

        theirs.Rename("Their name");
        await second.SaveChangesAsync();
        mine.Rename("My name");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
        await using var check = await dbs.CreateDbContextAsync();
        Assert.Equal("Their name", (await check.Merchants.SingleAsync(m => m.Id == id)).Name);
    }

    private async Task<Guid> CreateMerchantAsync()
    {
        var result = await Host.Get<MerchantService>().CreateAsync(
            new CreateMerchant($"Merchant {Guid.NewGuid():N}", "USD"), MerchantPortal.Auditing.Actor.System);
        return result.Value.Id;
    }
}
