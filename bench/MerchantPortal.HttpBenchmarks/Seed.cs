using MerchantPortal.ApiKeys;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// What the load needs in the database: a merchant with a large balance, a key item with codes, an API key, and a
/// portal user with access to every merchant (an Admin) for the export and the browser.
/// </summary>
internal sealed record Seeded(Guid MerchantId, long ItemId, string ApiKeySecret, long UnitPriceMinor, string UserEmail, string UserPassword);

/// <summary>
/// Migrates a fresh SQLite file as the app does on start-up (<see cref="DatabaseInitializer"/>) and creates the load's
/// merchant, item, codes, API key and portal user through the real service layer, in a short-lived host that stops before the app starts.
/// </summary>
internal static class Seed
{
    private const long UnitPriceMinor = 100;
    private const string UserEmail = "benchmark-admin@merchantportal.test";
    private const string UserPassword = "Benchmark-Admin-2026!";
    private static readonly Actor Admin = Actor.User("http-benchmark", "HTTP benchmark", null, Roles.Admin);

    public static async Task<Seeded> RunAsync(string databasePath, int codes)
    {
        using var host = ServiceLayerHost.Build(databasePath);
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
        // Through the same service as the portal's Users page: Identity's password hashing, the Admin role, the audit row.
        Expect(await services.GetRequiredService<UserAdminService>().CreateAsync(
            new CreateUser(UserEmail, "Benchmark Admin", Roles.Admin, null, UserPassword), Admin));
        await host.StopAsync();
        SqliteConnection.ClearAllPools();
        return new Seeded(merchant.Id, item.Id, key.Secret, UnitPriceMinor, UserEmail, UserPassword);
    }

    private static T Expect<T>(Common.Result<T> result) =>
        result.Succeeded ? result.Value : throw new InvalidOperationException($"{result.Error!.Code}: {result.Error.Message}");
}
