using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// The ceiling: the least an HTTP order placement on this machine can cost. Kestrel and the same JSON body as
/// <c>POST /api/v1/orders</c>, then one transaction per order with plain Microsoft.Data.Sqlite on a copy of the fresh
/// database (WAL, default <c>synchronous</c>, foreign keys on, as the app's connections have): the merchant order id
/// looked up, the customer found or inserted, the next order number, the order and its line, the conditional balance
/// debit and its ledger entry, an audit row and the fulfilment job. One writer at a time (a lock over one connection
/// with prepared statements); no validation beyond the shape, no authorisation beyond comparing the bearer secret,
/// no read-back of the order, no events, no fulfilment.
/// </summary>
internal static class CeilingApp
{
    public const string Command = "ceiling";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var databasePath = builder.Configuration["Ceiling:Database"] ?? throw new InvalidOperationException("Ceiling:Database is not set.");
        var merchantId = builder.Configuration["Ceiling:MerchantId"] ?? throw new InvalidOperationException("Ceiling:MerchantId is not set.");
        var secret = Encoding.UTF8.GetBytes("Bearer " + (builder.Configuration["Ceiling:ApiKey"] ?? throw new InvalidOperationException("Ceiling:ApiKey is not set.")));
        var app = builder.Build();
        using var writer = new OrderWriter(databasePath, merchantId);
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/api/v1/orders", async (HttpContext http) =>
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(http.Request.Headers.Authorization.ToString()), secret))
            {
                return Results.Unauthorized();
            }

            var body = await JsonSerializer.DeserializeAsync(http.Request.Body, CeilingJson.Default.CeilingOrder, http.RequestAborted);
            if (body is not { ItemId: { } itemId, MerchantOrderId: { Length: > 0 } reference, Customer.Email: { Length: > 0 } email })
            {
                return Results.BadRequest();
            }

            var placed = await writer.PlaceAsync(itemId, body.Quantity ?? 1, reference, email);
            return placed is { } order
                ? Results.Json(order, CeilingJson.Default.CeilingPlaced, statusCode: order.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created)
                : Results.Conflict();
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>One connection, its statements prepared once, used by one request at a time.</summary>
    private sealed class OrderWriter : IDisposable
    {
        private readonly SemaphoreSlim _lock = new(1, 1);
        private readonly SqliteConnection _connection;
        private readonly string _merchantId;
        private readonly SqliteCommand _findOrder;
        private readonly SqliteCommand _findItem;
        private readonly SqliteCommand _findCustomer;
        private readonly SqliteCommand _insertCustomer;
        private readonly SqliteCommand _nextNumber;
        private readonly SqliteCommand _insertOrder;
        private readonly SqliteCommand _insertLine;
        private readonly SqliteCommand _debit;
        private readonly SqliteCommand _insertLedger;
        private readonly SqliteCommand _insertAudit;
        private readonly SqliteCommand _insertJob;

        public OrderWriter(string databasePath, string merchantId)
        {
            _merchantId = merchantId;
            _connection = new SqliteConnection($"Data Source={databasePath}");
            _connection.Open();
            using (var pragma = _connection.CreateCommand())
            {
                // The journal mode is stored in the file (WAL, set by the app's migration); synchronous stays SQLite's default, as in the app.
                pragma.CommandText = "PRAGMA foreign_keys = ON;";
                pragma.ExecuteNonQuery();
            }

            _findOrder = Command("SELECT Id, Number FROM Orders WHERE MerchantId = $m AND MerchantOrderId = $ref");
            _findItem = Command("SELECT Sku, Name, Type, UnitPriceMinor, Currency FROM CatalogItems WHERE Id = $item");
            _findCustomer = Command("SELECT Id FROM Customers WHERE MerchantId = $m AND NormalizedEmail = $ne");
            _insertCustomer = Command("""
                INSERT INTO Customers (Id, MerchantId, Name, Email, NormalizedEmail, Phone, StripeCustomerId, CreatedAt, Version, Notes)
                VALUES ($id, $m, NULL, $email, $ne, NULL, NULL, $now, 0, NULL)
                """);
            _nextNumber = Command("UPDATE Counters SET Value = Value + 1 WHERE Name = 'order_number' RETURNING Value");
            _insertOrder = Command("""
                INSERT INTO Orders (Id, Number, MerchantId, CustomerId, MerchantOrderId, IdempotencyKey, RequestHash, Source, CreatedByKind, CreatedById,
                    CreatedByName, Currency, SubtotalMinor, FeeMinor, TaxMinor, TotalMinor, RefundedMinor, PaymentMethod, PaymentReference, Status,
                    PaymentStatus, FulfillmentStatus, Tags, Metadata, CreatedAt, UpdatedAt, Version)
                VALUES ($id, $number, $m, $customer, $ref, NULL, $hash, 'Api', 'ApiKey', 'ceiling', 'Ceiling', $currency, $total, 0, 0, $total, 0,
                    'Balance', 'balance', 'Pending', 'Paid', 'Unfulfilled', '[]', '{}', $now, $now, 0)
                """);
            _insertLine = Command("""
                INSERT INTO OrderLines (OrderId, LineNumber, ItemId, Sku, Name, Type, UnitPriceMinor, Units, SubtotalMinor, FeeMinor, TaxMinor, TotalMinor,
                    DeliveredUnits, RefundedUnits, Fields, ChargedMinor, RefundedMinor, Version)
                VALUES ($order, 1, $item, $sku, $name, $type, $unit, $units, $total, 0, 0, $total, 0, 0, '{}', $total, 0, 0)
                """);
            _debit = Command("""
                UPDATE MerchantBalances SET AvailableMinor = AvailableMinor - $total, UpdatedAt = $now
                WHERE MerchantId = $m AND AvailableMinor >= $total RETURNING AvailableMinor
                """);
            _insertLedger = Command("""
                INSERT INTO LedgerEntries (MerchantId, Kind, AmountMinor, Currency, BalanceAfterMinor, IdempotencyKey, OrderId, Description, ActorKind,
                    ActorId, ActorName, CreatedAt)
                VALUES ($m, 'OrderCharge', -$total, $currency, $after, $key, $order, $description, 'ApiKey', 'ceiling', 'Ceiling', $now)
                """);
            _insertAudit = Command("""
                INSERT INTO AuditEntries (OccurredAt, ActorKind, ActorId, ActorName, MerchantId, Action, TargetType, TargetId, Details, Changes)
                VALUES ($now, 'ApiKey', 'ceiling', 'Ceiling', $m, 'order.placed', 'order', $order, $details, '[]')
                """);
            _insertJob = Command("""
                INSERT INTO OutboxJobs (Type, Payload, Status, Attempts, AvailableAt, CreatedAt)
                VALUES ('fulfil_order', $order, 'Pending', 0, $now, $now)
                """);
        }

        public async Task<CeilingPlaced?> PlaceAsync(long itemId, int quantity, string reference, string email)
        {
            await _lock.WaitAsync();
            try
            {
                using var tx = _connection.BeginTransaction();
                var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                using (var earlier = Run(_findOrder, tx, ("$m", _merchantId), ("$ref", reference)).ExecuteReader())
                {
                    if (earlier.Read())
                    {
                        return new CeilingPlaced(earlier.GetString(0), earlier.GetInt64(1), Replayed: true);
                    }
                }

                string sku, name, type, currency;
                long unitMinor;
                using (var item = Run(_findItem, tx, ("$item", itemId)).ExecuteReader())
                {
                    if (!item.Read())
                    {
                        return null;
                    }

                    (sku, name, type, unitMinor, currency) = (item.GetString(0), item.GetString(1), item.GetString(2), item.GetInt64(3), item.GetString(4));
                }

                var normalizedEmail = email.Trim().ToUpperInvariant();
                var customerId = Run(_findCustomer, tx, ("$m", _merchantId), ("$ne", normalizedEmail)).ExecuteScalar() as string;
                if (customerId is null)
                {
                    customerId = NewId();
                    Run(_insertCustomer, tx, ("$id", customerId), ("$m", _merchantId), ("$email", email), ("$ne", normalizedEmail), ("$now", now)).ExecuteNonQuery();
                }

                var number = (long)Run(_nextNumber, tx).ExecuteScalar()!;
                var orderId = NewId();
                var total = unitMinor * quantity;
                Run(_insertOrder, tx, ("$id", orderId), ("$number", number), ("$m", _merchantId), ("$customer", customerId), ("$ref", reference),
                    ("$hash", reference), ("$currency", currency), ("$total", total), ("$now", now)).ExecuteNonQuery();
                Run(_insertLine, tx, ("$order", orderId), ("$item", itemId), ("$sku", sku), ("$name", name), ("$type", type), ("$unit", unitMinor),
                    ("$units", quantity), ("$total", total)).ExecuteNonQuery();
                if (Run(_debit, tx, ("$m", _merchantId), ("$total", total), ("$now", now)).ExecuteScalar() is not long after)
                {
                    tx.Rollback();
                    return null;
                }

                Run(_insertLedger, tx, ("$m", _merchantId), ("$total", total), ("$currency", currency), ("$after", after), ("$key", $"order:{orderId}"),
                    ("$order", orderId), ("$description", $"Order {number}"), ("$now", now)).ExecuteNonQuery();
                Run(_insertAudit, tx, ("$now", now), ("$m", _merchantId), ("$order", orderId), ("$details", $"Placed {number} paid by balance")).ExecuteNonQuery();
                Run(_insertJob, tx, ("$order", orderId), ("$now", now)).ExecuteNonQuery();
                tx.Commit();
                return new CeilingPlaced(orderId, number, Replayed: false);
            }
            finally
            {
                _lock.Release();
            }
        }

        public void Dispose()
        {
            _connection.Dispose();
            _lock.Dispose();
        }

        // EF Core stores a Guid as upper-case text.
        private static string NewId() => Guid.NewGuid().ToString().ToUpperInvariant();

        private SqliteCommand Command(string sql)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        private static SqliteCommand Run(SqliteCommand command, SqliteTransaction tx, params (string Name, object Value)[] parameters)
        {
            command.Transaction = tx;
            command.Parameters.Clear();
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command;
        }
    }
}

internal sealed record CeilingCustomer(string? Email);

internal sealed record CeilingOrder(long? ItemId, int? Quantity, string? MerchantOrderId, CeilingCustomer? Customer);

internal sealed record CeilingPlaced(string Id, long Number, bool Replayed);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CeilingOrder))]
[JsonSerializable(typeof(CeilingPlaced))]
internal sealed partial class CeilingJson : JsonSerializerContext;
