using MerchantPortal.Data;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Operations;

internal static class StartupTasks
{
    /// <summary>Migrates the database (creating the SQLite file on first run) and seeds demo data when configured.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("MerchantPortal");
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            logger.LogInformation("Preparing the database…");
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        if (services.GetRequiredService<IOptions<DemoDataOptions>>().Value.Seed)
        {
            logger.LogInformation("Checking the demo data (the first run creates it, which takes about twenty seconds)…");
            await services.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }
    }
}
