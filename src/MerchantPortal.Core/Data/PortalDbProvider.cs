using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MerchantPortal.Data;

/// <summary>Points a <see cref="DbContextOptionsBuilder"/> at the configured engine and its own migration set.</summary>
public static class PortalDbProvider
{
    public const string SqliteMigrationsAssembly = "MerchantPortal.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "MerchantPortal.Migrations.SqlServer";

    // An order is read with its lines and events in one consistent query; said explicitly, so EF does not warn about it.
    private const QuerySplittingBehavior ReadAs = QuerySplittingBehavior.SingleQuery;

    public static DbContextOptionsBuilder UsePortalDatabase(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) => UseProvider(options, provider, connectionString)
        // Capped counts take N rows in no order on purpose: the count is the same in any order, and an ORDER BY would make
        // the database read every match to sort it. Every read of rows sorts.
        .ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    private static DbContextOptionsBuilder UseProvider(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => options.UseSqlite(
            connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly).UseQuerySplittingBehavior(ReadAs)),
        DatabaseProvider.SqlServer => options.UseSqlServer(
            connectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly).UseQuerySplittingBehavior(ReadAs)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>A relative SQLite file path is taken relative to the app's content root, not the working directory.</summary>
    public static string ResolveConnectionString(DatabaseProvider provider, string connectionString, string contentRoot)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return connectionString;
        }

        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (IsFilePath(sqlite.DataSource) && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.GetFullPath(Path.Combine(contentRoot, sqlite.DataSource));
        }

        return sqlite.ToString();
    }

    internal static bool IsFilePath(string dataSource) =>
        !string.IsNullOrEmpty(dataSource) && !dataSource.StartsWith(':') && !dataSource.StartsWith("file:", StringComparison.Ordinal);
}
