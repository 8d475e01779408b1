using MerchantPortal.Data;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantPortal.IntegrationTests.Data;

public sealed class SqliteStatisticsTests : CoreServiceTest
{
    [Fact]
    public async Task Refresh_records_planner_statistics_for_the_tables_holding_rows()
    {
        await Host.Catalog.MerchantAsync();
        await Host.Catalog.MerchantAsync();
        Assert.DoesNotContain("Merchants", await AnalyzedTablesAsync());

        await Host.Get<SqliteStatistics>().RefreshAsync();

        Assert.Contains("Merchants", await AnalyzedTablesAsync());
    }

    [Fact]
    public async Task An_upgrade_records_statistics_at_once_so_its_new_indexes_are_not_guessed()
    {
        await Host.Catalog.MerchantAsync();
        await using (var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            var previous = db.Database.GetMigrations().SkipLast(1).Last();
            await db.GetService<IMigrator>().MigrateAsync(previous);
        }

        using var scope = Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();

        Assert.Contains("Merchants", await AnalyzedTablesAsync());
    }

    [Fact]
    public async Task A_refresh_interval_that_is_not_positive_is_refused_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            CoreTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Database:StatisticsInterval"] = "00:00:00" }));

        Assert.Contains("Database:StatisticsInterval", error.Message);
    }

    private async Task<List<string>> AnalyzedTablesAsync()
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var statsExist = await db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE name = 'sqlite_stat1'")
            .SingleAsync() > 0;
        return statsExist ? await db.Database.SqlQueryRaw<string>("SELECT DISTINCT tbl AS Value FROM sqlite_stat1").ToListAsync() : [];
    }
}
