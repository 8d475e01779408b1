using System.Globalization;
using System.Text;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// The orders export as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma,
/// quote or line break. Text that a spreadsheet would run as a formula is made inert with a leading <c>'</c>.
/// </summary>
public static class OrdersCsv
{
    public const string LineEnd = "\r\n";

    public static IReadOnlyList<string> Columns { get; } =
    [
        "reference", "created_at", "merchant", "merchant_order_id", "customer", "customer_email", "source", "status",
        "payment_status", "fulfillment_status", "currency", "total", "refunded", "units", "delivered_units",
    ];

    public static string HeaderLine { get; } = string.Join(',', Columns) + LineEnd;

    // Sends what is written to the client every few hundred rows, so the download shows progress.
    private const int RowsPerFlush = 500;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the header and one line per order as the orders arrive; returns the number of rows written.</summary>
    public static async Task<long> WriteAsync(Stream body, IAsyncEnumerable<OrderSummary> orders, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, Utf8, bufferSize: 32 * 1024, leaveOpen: true);
        await writer.WriteAsync(HeaderLine.AsMemory(), ct);
        var rows = 0L;
        await foreach (var order in orders.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(order).AsMemory(), ct);
            if (++rows % RowsPerFlush == 0)
            {
                await writer.FlushAsync(ct);
            }
        }

        await writer.FlushAsync(ct);
        return rows;
    }

    public static string Line(OrderSummary order)
    {
        var line = new StringBuilder(256);
        Append(line, order.Reference, first: true);
        Append(line, DateTime.SpecifyKind(order.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Append(line, order.MerchantName);
        Append(line, order.MerchantOrderId);
        Append(line, order.CustomerName);
        Append(line, order.CustomerEmail);
        Append(line, WireNames.Of(order.Source));
        Append(line, WireNames.Of(order.Status));
        Append(line, WireNames.Of(order.PaymentStatus));
        Append(line, WireNames.Of(order.FulfillmentStatus));
        Append(line, order.Currency);
        Append(line, MajorUnits(order.TotalMinor, order.Currency));
        Append(line, MajorUnits(order.RefundedMinor, order.Currency));
        Append(line, order.Units.ToString(CultureInfo.InvariantCulture));
        Append(line, order.DeliveredUnits.ToString(CultureInfo.InvariantCulture));
        return line.Append(LineEnd).ToString();
    }

    /// <summary>One field, safe for spreadsheets and quoted as CSV needs.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // OWASP's advice against CSV injection: a cell that starts like a formula is shown as text.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    /// <summary>12.50 for 1250 USD cents, 1250 for 1250 yen: the currency's own number of decimals, invariant culture.</summary>
    private static string MajorUnits(long minor, string currencyCode)
    {
        var money = new Money(minor, Currency.Of(currencyCode));
        return money.ToMajor().ToString("F" + money.Currency.Exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static void Append(StringBuilder line, string? value, bool first = false)
    {
        if (!first)
        {
            line.Append(',');
        }

        line.Append(Field(value));
    }
}
