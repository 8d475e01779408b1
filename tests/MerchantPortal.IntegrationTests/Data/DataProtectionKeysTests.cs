using MerchantPortal.Data;
using MerchantPortal.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Data;

public sealed class DataProtectionKeysTests
{
    [Fact]
    public async Task Keys_live_in_the_database_so_every_instance_can_read_what_another_protected()
    {
        await using var host = await CoreTestHost.StartAsync();
        var protectedText = host.Get<IDataProtectionProvider>().CreateProtector("test").Protect("secret");

        await using var db = await host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());

        // A second app instance on the same database unprotects it with the stored key.
        await using var otherInstance = await CoreTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={host.DatabasePath}",
        });
        Assert.Equal("secret", otherInstance.Get<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }
}
