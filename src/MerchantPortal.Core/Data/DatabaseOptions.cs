namespace MerchantPortal.Data;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Which engine stores the data: the embedded SQLite file (default) or SQL Server.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the app starts (creates the SQLite file on first run).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>How often SQLite's query-planner statistics are refreshed (a full <c>ANALYZE</c>; about 1.5 s per million orders).</summary>
    public TimeSpan StatisticsInterval { get; set; } = TimeSpan.FromHours(6);
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
