using MerchantPortal.Data;
using Microsoft.Data.Sqlite;

namespace MerchantPortal.Benchmarks;

/// <summary>
/// Grows the order history to export-benchmark size by copying every order (and its lines) already in the
/// SQLite database, doubling the history each round. Copies get the next order numbers, a new id built from
/// that number, and no merchant order id or idempotency key, so every unique index still holds.
/// Placing a million orders through the service would take hours; copying genuine ones takes seconds.
/// </summary>
internal sealed class OrderHistoryMultiplier(BenchmarkHost host)
{
    /// <summary>Doubles the history; returns the number of orders now stored.</summary>
    public async Task<long> DoubleAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var offset = await ScalarAsync(transaction, "SELECT MAX(Number) FROM Orders");

        // The last twelve hex digits of a copy's id are its order number: unique, and still a GUID.
        var copyId = "substr({0}, 1, 24) || printf('%012X', {1} + @offset)";
        await ExecuteAsync(transaction, await CopySqlAsync(transaction, "Orders", "o", new Dictionary<string, string>
        {
            ["Id"] = string.Format(null, copyId, "o.Id", "o.Number"),
            ["Number"] = "o.Number + @offset",
            ["MerchantOrderId"] = "NULL",
            ["IdempotencyKey"] = "NULL",
        }, "FROM Orders o WHERE o.Number <= @offset"), offset);
        await ExecuteAsync(transaction, await CopySqlAsync(transaction, "OrderLines", "l", new Dictionary<string, string>
        {
            ["Id"] = "",
            ["OrderId"] = string.Format(null, copyId, "l.OrderId", "o.Number"),
        }, "FROM OrderLines l JOIN Orders o ON o.Id = l.OrderId WHERE o.Number <= @offset"), offset);
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
