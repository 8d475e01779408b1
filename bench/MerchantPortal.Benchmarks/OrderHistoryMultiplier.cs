using MerchantPortal.Data;
using Microsoft.Data.Sqlite;

namespace MerchantPortal.Benchmarks;

/// <summary>
/// Grows the order history to benchmark size by copying every order (and its lines) already in the SQLite
/// database, doubling the history each round. The copies become the older history: existing orders move up
/// by the current highest number, copies take the numbers below them and are dated one minute apart before
/// the oldest order, so numbers and dates stay in step as in a real shop. Copies get a new id and no merchant
/// order id or idempotency key, so every unique index still holds.
/// Placing a million orders through the service would take hours; copying genuine ones takes seconds.
/// </summary>
internal sealed class OrderHistoryMultiplier(BenchmarkHost host)
{
    private int _round;

    /// <summary>Doubles the history; returns the number of orders now stored.</summary>
    public async Task<long> DoubleAsync()
    {
        _round++;
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var offset = await ScalarAsync(transaction, "SELECT MAX(Number) FROM Orders");
        await ExecuteAsync(transaction, "UPDATE Orders SET Number = Number + @offset", offset);

        // "k" is the copy's number. A copy's id keeps its source's first groups and ends with round and number: unique.
        var copyId = $"substr({{0}}, 1, 19) || printf('%04X-%012X', {_round}, {{1}})";
        const string k = "(o.Number - @offset)";
        var copyDate = $"strftime('%Y-%m-%d %H:%M:%f', (SELECT MIN(CreatedAt) FROM Orders), '-' || (@offset + 1 - {k}) || ' minutes')";
        await ExecuteAsync(transaction, await CopySqlAsync(transaction, "Orders", "o", new Dictionary<string, string>
        {
            ["Id"] = string.Format(null, copyId, "o.Id", k),
            ["Number"] = k,
            ["MerchantOrderId"] = "NULL",
            ["IdempotencyKey"] = "NULL",
            ["CreatedAt"] = copyDate,
            ["UpdatedAt"] = copyDate,
            ["CompletedAt"] = $"CASE WHEN o.CompletedAt IS NULL THEN NULL ELSE {copyDate} END",
        }, "FROM Orders o WHERE o.Number > @offset"), offset);
        await ExecuteAsync(transaction, await CopySqlAsync(transaction, "OrderLines", "l", new Dictionary<string, string>
        {
            ["Id"] = "",
            ["OrderId"] = string.Format(null, copyId, "l.OrderId", k),
        }, "FROM OrderLines l JOIN Orders o ON o.Id = l.OrderId WHERE o.Number > @offset"), offset);
        await ExecuteAsync(transaction, $"UPDATE Counters SET Value = 2 * @offset WHERE Name = '{Counter.OrderNumbers}'", offset);
        var count = await ScalarAsync(transaction, "SELECT COUNT(*) FROM Orders");
        await transaction.CommitAsync();
        return count;
    }

    /// <summary>An INSERT … SELECT over every column of the table, with the given expressions replacing some (empty: left out).</summary>
    private static async Task<string> CopySqlAsync(SqliteTransaction transaction, string table, string alias, Dictionary<string, string> replaced, string from)
    {
        var columns = new List<string>();
        await using (var command = Command(transaction, $"SELECT name FROM pragma_table_info('{table}')"))
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var copied = columns.Where(c => !replaced.TryGetValue(c, out var expression) || expression.Length > 0).ToList();
        var values = copied.Select(c => replaced.TryGetValue(c, out var expression) ? expression : $"{alias}.\"{c}\"");
        return $"INSERT INTO {table} ({string.Join(", ", copied.Select(c => $"\"{c}\""))}) SELECT {string.Join(", ", values)} {from}";
    }

    private static async Task ExecuteAsync(SqliteTransaction transaction, string sql, long offset)
    {
        await using var command = Command(transaction, sql);
        command.Parameters.AddWithValue("@offset", offset);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(SqliteTransaction transaction, string sql)
    {
        await using var command = Command(transaction, sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
