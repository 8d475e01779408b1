using Microsoft.Data.Sqlite;

namespace MerchantPortal.IntegrationTests.Data;

/// <summary>
/// Copies of the newest order with numbers above every other, written in one statement (placing thousands of orders
/// would take minutes): a history for counts and query plans. Optionally with other status columns.
/// </summary>
internal static class OrderCopies
{
    public static async Task AddAsync(string databasePath, int copies, IReadOnlyDictionary<string, string>? columns = null)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('Orders')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        long highest;
        await using (var max = connection.CreateCommand())
        {
            max.CommandText = "SELECT MAX(Number) FROM Orders";
            highest = (long)(await max.ExecuteScalarAsync())!;
        }

        var replaced = new Dictionary<string, string>
        {
            ["Id"] = $"printf('00000000-0000-4000-8000-%012X', {highest} + n)",
            ["Number"] = $"{highest} + n",
            ["MerchantOrderId"] = "NULL",
            ["IdempotencyKey"] = "NULL",
        };
        foreach (var (name, value) in columns ?? new Dictionary<string, string>())
        {
            replaced[name] = $"'{value}'";
        }

        var values = names.Select(c => replaced.TryGetValue(c, out var expression) ? expression : $"o.\"{c}\"");
        await using var copy = connection.CreateCommand();
        copy.CommandText =
            $"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {copies}) " +
            $"INSERT INTO Orders ({string.Join(", ", names.Select(c => $"\"{c}\""))}) " +
            $"SELECT {string.Join(", ", values)} FROM k, (SELECT * FROM Orders ORDER BY Number DESC LIMIT 1) o";
        await copy.ExecuteNonQueryAsync();
    }

    /// <summary>The status columns of a completed, paid and fulfilled order.</summary>
    public static IReadOnlyDictionary<string, string> Completed { get; } = Columns("Completed", "Paid", "Fulfilled");

    /// <summary>
    /// A history of about <paramref name="copies"/> orders after one placed order, mostly completed, with a tenth
    /// cancelled and a tenth failed (both refunded), and the statistics the app keeps (<c>SqliteStatistics</c>):
    /// SQLite plans for what the tables hold, as in production.
    /// </summary>
    public static async Task AddHistoryAsync(string databasePath, int copies)
    {
        await AddAsync(databasePath, copies * 8 / 10, Completed);
        await AddAsync(databasePath, copies / 10, Columns("Cancelled", "Refunded", "Unfulfilled"));
        await AddAsync(databasePath, copies / 10, Columns("Failed", "Refunded", "Unfulfilled"));
        await AnalyzeAsync(databasePath);
    }

    /// <summary>Refreshes the planner's statistics, as the app does in the background.</summary>
    public static async Task AnalyzeAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
    }

    private static Dictionary<string, string> Columns(string status, string payment, string fulfilment) => new()
    {
        ["Status"] = status,
        ["PaymentStatus"] = payment,
        ["FulfillmentStatus"] = fulfilment,
    };
}
