using MerchantPortal.ApiKeys;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>What the load needs in the database: a merchant with a large balance, a key item with codes, an API key.</summary>
internal sealed record Seeded(Guid MerchantId, long ItemId, string ApiKeySecret, long UnitPriceMinor);

/// <summary>
/// Migrates a fresh SQLite file as the app does on start-up (<see cref="DatabaseInitializer"/>) and creates the load's
/// merchant, item, codes and API key through the real service layer, in a short-lived host that stops before the app starts.
/// </summary>
internal static class Seed
{
    private const long UnitPriceMinor = 100;
    private static readonly Actor Admin = Actor.User("http-benchmark", "HTTP benchmark", null, Roles.Admin);

    public static async Task<Seeded> RunAsync(string databasePath, int codes)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Benchmark",
            ContentRootPath = Path.GetDirectoryName(databasePath),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={databasePath}",
            ["Jobs:RunWorker"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The seeding host stores Data Protection keys unencrypted in the throwaway database, and says so; the app does the same.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.AddCore();
        using var host = builder.Build();
        var services = host.Services;
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        var merchant = Expect(await services.GetRequiredService<MerchantService>().CreateAsync(new CreateMerchant("Benchmark Games", "USD"), Admin));
        // Enough for every code at the unit price, with room to spare.
        Expect(await services.GetRequiredService<LedgerService>().AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, 2m * codes * UnitPriceMinor / 100m, "Benchmark deposit", "http-benchmark-deposit",
                LargeAmountConfirmed: true), Admin));
        var item = Expect(await services.GetRequiredService<CatalogService>().CreateAsync(
            new SaveCatalogItem("BENCH-KEY", "Benchmark game key", null, ProductType.Key, "USD", UnitPriceMinor: UnitPriceMinor, MinQuantity: 1, MaxQuantity: 1),
            Admin)).Item;
        var inventory = services.GetRequiredService<KeyInventoryService>();
        for (var added = 0; added < codes; added += KeyInventoryService.MaxCodesPerUpload)
        {
            var batch = Enumerable.Range(added, Math.Min(KeyInventoryService.MaxCodesPerUpload, codes - added)).Select(n => $"BENCH-{n:D9}").ToList();
            Expect(await inventory.AddCodesAsync(item.Id, batch, Admin));
        }

        var key = Expect(await services.GetRequiredService<ApiKeyService>().CreateAsync(
            new CreateApiKey(merchant.Id, "HTTP benchmark", [Scopes.OrdersWrite, Scopes.OrdersRead]), Admin));
        await host.StopAsync();
        SqliteConnection.ClearAllPools();
        return new Seeded(merchant.Id, item.Id, key.Secret, UnitPriceMinor);
    }

    private static T Expect<T>(Common.Result<T> result) =>
        result.Succeeded ? result.Value : throw new InvalidOperationException($"{result.Error!.Code}: {result.Error.Message}");
}
