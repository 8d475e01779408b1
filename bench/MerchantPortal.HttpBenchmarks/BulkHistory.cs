using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// Grows the history to a million orders (or the number asked for) straight in SQLite while the app is stopped: each
/// new order and its line are copies of an order the app placed, with their own id, number, merchant, customer,
/// status and date, written by prepared statements in transactions of 50,000 orders. Half go to the benchmark's
/// merchant, the rest to four more merchants with customers of their own; 85 % completed, 10 % cancelled, 5 % failed.
/// The copies are the older history (one order a minute before the first placed one), so the placed orders are
/// renumbered after them and numbers and dates stay in step. Ends with ANALYZE, as the app runs in the background.
/// </summary>
internal static class BulkHistory
{
    private const int Batch = 50_000;
    private const int OtherMerchants = 4;
    private const int CustomersPerMerchant = 200;

    public static (TimeSpan Insert, TimeSpan Analyze) Run(string databasePath, Guid merchantId, int orders)
    {
        using var db = new SqliteConnection($"Data Source={databasePath}");
        db.Open();
        Execute(db, "PRAGMA foreign_keys = ON;");
        // For the load only (this connection's settings; the app's connections keep their own): a large page cache,
        // sorts for the index rebuild in memory on both cores, and no flush per commit — a seed cut short by a power
        // loss is simply run again.
        Execute(db, "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY; PRAGMA threads = 2; PRAGMA synchronous = OFF;");
        var merchant = Id(merchantId);
        var watch = Stopwatch.StartNew();
        using (var tx = db.BeginTransaction())
        {
            var (templateOrder, firstCreated) = TemplateOrder(db, tx, merchant);
            var templateLine = Scalar<long>(db, tx, "SELECT Id FROM OrderLines WHERE OrderId = $o", ("$o", templateOrder));
            var templateCustomer = Scalar<string>(db, tx, "SELECT CustomerId FROM Orders WHERE Id = $o", ("$o", templateOrder));
            var merchants = new List<(string Id, List<string> Customers)> { (merchant, OwnCustomers(db, tx, merchant)) };
            using (var copyMerchant = Copy(db, tx, "Merchants", "Id", ["Id", "Name"]))
            using (var copyCustomer = Copy(db, tx, "Customers", "Id", ["Id", "MerchantId", "Email", "NormalizedEmail", "Name"]))
            {
                for (var m = 1; m <= OtherMerchants; m++)
                {
                    var id = NewId();
                    Run(copyMerchant, ("$template", merchant), ("$Id", id), ("$Name", $"History Merchant {m}"));
                    var customers = new List<string>(CustomersPerMerchant);
                    for (var c = 0; c < CustomersPerMerchant; c++)
                    {
                        var customer = NewId();
                        var email = $"history{m}-{c}@example.com";
                        Run(copyCustomer, ("$template", templateCustomer), ("$Id", customer), ("$MerchantId", id), ("$Email", email),
                            ("$NormalizedEmail", email.ToUpperInvariant()), ("$Name", $"History Customer {c}"));
                        customers.Add(customer);
                    }

                    merchants.Add((id, customers));
                }
            }

            // The placed orders move up past the history; the two ranges never overlap, so the unique index holds throughout.
            Execute(db, tx, "UPDATE Orders SET Number = Number + $n", ("$n", (long)orders));
            Execute(db, tx, "UPDATE Counters SET Value = Value + $n WHERE Name = 'order_number'", ("$n", (long)orders));
            tx.Commit();
            // Secondary indexes are dropped for the load and built again after it, each in one sorted pass.
            var indexes = DropIndexes(db, ["Orders", "OrderLines"]);
            var copyOrder = Copy(db, null, "Orders", "Id",
                ["Id", "Number", "MerchantId", "CustomerId", "MerchantOrderId", "RequestHash", "Status", "PaymentStatus", "FulfillmentStatus", "CreatedAt", "UpdatedAt", "CompletedAt"]);
            var copyLine = Copy(db, null, "OrderLines", "Id", ["OrderId", "DeliveredUnits"]);
            using (copyOrder)
            using (copyLine)
            {
                for (var start = 0; start < orders; start += Batch)
                {
                    using var batch = db.BeginTransaction();
                    copyOrder.Transaction = batch;
                    copyLine.Transaction = batch;
                    for (var n = start; n < Math.Min(orders, start + Batch); n++)
                    {
                        var (owner, customers) = n % 2 == 0 ? merchants[0] : merchants[1 + n / 2 % OtherMerchants];
                        var (status, payment, fulfilment) = (n % 20) switch
                        {
                            0 => ("Failed", "Refunded", "Unfulfilled"),
                            1 or 2 => ("Cancelled", "Refunded", "Unfulfilled"),
                            _ => ("Completed", "Paid", "Fulfilled"),
                        };
                        var number = n + 1;
                        var created = Text(firstCreated.AddMinutes(number - orders - 1));
                        // Time-ordered ids go in at the end of the primary key's index rather than all over it.
                        var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
                        var reference = $"HIST-{number}";
                        Run(copyOrder, ("$template", templateOrder), ("$Id", id), ("$Number", (long)number), ("$MerchantId", owner),
                            ("$CustomerId", customers[n / 2 % customers.Count]), ("$MerchantOrderId", reference), ("$RequestHash", reference),
                            ("$Status", status), ("$PaymentStatus", payment), ("$FulfillmentStatus", fulfilment), ("$CreatedAt", created),
                            ("$UpdatedAt", created), ("$CompletedAt", status == "Completed" ? created : DBNull.Value));
                        Run(copyLine, ("$template", templateLine), ("$OrderId", id), ("$DeliveredUnits", status == "Completed" ? 1L : 0L));
                    }

                    batch.Commit();
                }
            }

            foreach (var index in indexes)
            {
                Execute(db, index);
            }
        }

        var insert = watch.Elapsed;
        watch.Restart();
        Execute(db, "ANALYZE;");
        return (insert, watch.Elapsed);
    }

    /// <summary>Drops the tables' own indexes (not those of their keys and unique constraints) and returns their definitions.</summary>
    private static List<string> DropIndexes(SqliteConnection db, string[] tables)
    {
        var indexes = new List<(string Name, string Sql)>();
        using (var list = Command(db, null, $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})"))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            Execute(db, $"DROP INDEX \"{name}\";");
        }

        return [.. indexes.Select(i => i.Sql)];
    }

    /// <summary>The oldest order the app placed for the merchant (the copies' template) and its creation time.</summary>
    private static (string Id, DateTime Created) TemplateOrder(SqliteConnection db, SqliteTransaction tx, string merchant)
    {
        using var command = Command(db, tx, "SELECT Id, CreatedAt FROM Orders WHERE MerchantId = $m AND Status = 'Completed' ORDER BY Number LIMIT 1", ("$m", merchant));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException("No completed order to copy: the load placed none.");
        }

        return (reader.GetString(0), DateTime.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
    }

    private static List<string> OwnCustomers(SqliteConnection db, SqliteTransaction tx, string merchant)
    {
        using var command = Command(db, tx, "SELECT Id FROM Customers WHERE MerchantId = $m ORDER BY Id LIMIT 2000", ("$m", merchant));
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>A prepared "copy this row with these columns replaced" (<c>$Column</c> parameters, <c>$template</c> the key).</summary>
    private static SqliteCommand Copy(SqliteConnection db, SqliteTransaction? tx, string table, string key, string[] replaced)
    {
        var columns = new List<string>();
        using (var info = Command(db, tx, $"SELECT name, pk, type FROM pragma_table_info('{table}')"))
        using (var reader = info.ExecuteReader())
        {
            while (reader.Read())
            {
                // An INTEGER primary key is the row id: the copy gets a new one.
                if (!(reader.GetInt32(1) == 1 && reader.GetString(2) == "INTEGER"))
                {
                    columns.Add(reader.GetString(0));
                }
            }
        }

        var values = columns.Select(c => replaced.Contains(c) ? "$" + c : $"\"{c}\"");
        var command = Command(db, tx,
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT {string.Join(", ", values)} FROM \"{table}\" WHERE \"{key}\" = $template");
        foreach (var column in replaced.Append("template"))
        {
            command.Parameters.Add(new SqliteParameter("$" + column, null));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value;
        }

        if (command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"A copy wrote no row: {command.CommandText}");
        }
    }

    private static SqliteCommand Command(SqliteConnection db, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static T Scalar<T>(SqliteConnection db, SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(db, tx, sql, parameters);
        return (T)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection db, string sql) => Execute(db, null, sql);

    private static void Execute(SqliteConnection db, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(db, tx, sql, parameters);
        command.ExecuteNonQuery();
    }

    // EF Core's SQLite provider writes a Guid as upper-case text and a DateTime in this format.
    private static string NewId() => Guid.NewGuid().ToString().ToUpperInvariant();

    internal static string Id(Guid id) => id.ToString().ToUpperInvariant();

    private static string Text(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
