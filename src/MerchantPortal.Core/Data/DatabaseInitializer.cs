using MerchantPortal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Data;

/// <summary>Brings the database up to date: creates the SQLite file, applies migrations, seeds the roles.</summary>
public sealed class DatabaseInitializer(
    PortalDb db,
    RoleManager<IdentityRole> roles,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        var sqlite = options.Value.Provider == DatabaseProvider.Sqlite;
        if (sqlite)
        {
            EnsureSqliteDirectory(db.Database.GetConnectionString());
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        var upgrading = pending.Count > 0 && (await db.Database.GetAppliedMigrationsAsync(ct)).Any();
        await db.Database.MigrateAsync(ct);
        if (pending.Count > 0)
        {
            logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        if (sqlite)
        {
            // WAL lets readers work while one writer commits; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            if (upgrading)
            {
                // A migration's new indexes have no statistics until the refresher's first run, and SQLite would guess
                // them selective meanwhile (a status index, say, for a status most orders have).
                await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
            }
        }

        await EnsureRolesAsync();
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {result.Errors.First().Description}");
                }
            }
        }
    }

    private static void EnsureSqliteDirectory(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!PortalDbProvider.IsFilePath(dataSource))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
