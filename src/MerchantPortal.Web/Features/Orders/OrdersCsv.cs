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

    /// <summary>The columns of an export with one row per order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "reference", "created_at", "merchant", "merchant_order_id", "customer", "customer_email", "source", "status",
        "payment_status", "fulfillment_status", "payment_method", "card", "currency", "subtotal", "fees", "taxes", "total", "refunded",
        "units", "delivered_units", "undelivered_units",
    ];

    /// <summary>
    /// The columns of an export with one row per order line: the order's columns, whose amounts and units are the
    /// line's own (so a column adds up to the orders' figures), then the line's number, SKU and item name.
    /// </summary>
    public static IReadOnlyList<string> LineColumns { get; } = [.. Columns, "line", "sku", "item"];

    public static string HeaderLine { get; } = Header(perLine: false);

    // Sends what is written to the client every few hundred rows, so the download shows progress.
    private const int RowsPerFlush = 500;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static string Header(bool perLine) => string.Join(',', perLine ? LineColumns : Columns) + LineEnd;

    /// <summary>Writes the header and one line per row as the rows arrive; returns the number of rows written.</summary>
    public static async Task<long> WriteAsync(Stream body, IAsyncEnumerable<OrderExportRow> rows, bool perLine, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, Utf8, bufferSize: 32 * 1024, leaveOpen: true);
        await writer.WriteAsync(Header(perLine).AsMemory(), ct);
        var written = 0L;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(row).AsMemory(), ct);
            if (++written % RowsPerFlush == 0)
            {
                await writer.FlushAsync(ct);
            }
        }

        await writer.FlushAsync(ct);
        return written;
    }

    /// <summary>One row: an order's, or with <see cref="OrderExportRow.Line"/> that line's (its amounts and units, then its number, SKU and name).</summary>
    public static string Line(OrderExportRow row)
    {
        var (order, line) = (row.Order, row.Line);
        var csv = new StringBuilder(320);
        Append(csv, order.Reference, first: true);
        Append(csv, DateTime.SpecifyKind(order.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Append(csv, order.MerchantName);
        Append(csv, order.MerchantOrderId);
        Append(csv, order.CustomerName);
        Append(csv, order.CustomerEmail);
        Append(csv, WireNames.Of(order.Source));
        Append(csv, WireNames.Of(order.Status));
        Append(csv, WireNames.Of(order.PaymentStatus));
        Append(csv, WireNames.Of(order.FulfillmentStatus));
        Append(csv, WireNames.Of(order.PaymentMethod));
        Append(csv, Card(row));
        Append(csv, order.Currency);
        Append(csv, MajorUnits(line?.SubtotalMinor ?? row.SubtotalMinor, order.Currency));
        Append(csv, MajorUnits(line?.FeeMinor ?? row.FeeMinor, order.Currency));
        Append(csv, MajorUnits(line?.TaxMinor ?? row.TaxMinor, order.Currency));
        Append(csv, MajorUnits(line?.TotalMinor ?? order.TotalMinor, order.Currency));
        Append(csv, MajorUnits(line?.RefundedMinor ?? order.RefundedMinor, order.Currency));
        var (units, delivered) = line is null ? (order.Units, order.DeliveredUnits) : (line.Units, line.DeliveredUnits);
        Append(csv, units.ToString(CultureInfo.InvariantCulture));
        Append(csv, delivered.ToString(CultureInfo.InvariantCulture));
        Append(csv, (units - delivered).ToString(CultureInfo.InvariantCulture));
        if (line is not null)
        {
            Append(csv, line.LineNumber.ToString(CultureInfo.InvariantCulture));
            Append(csv, line.Sku);
            Append(csv, line.Name);
        }

        return csv.Append(LineEnd).ToString();
    }

    /// <summary>"visa 4242" for a card order; empty for the balance.</summary>
    private static string? Card(OrderExportRow row) =>
        row.Order.PaymentMethod == PaymentMethodKind.Card && (row.CardBrand ?? row.CardLast4) is not null
            ? string.Join(' ', new[] { row.CardBrand, row.CardLast4 }.Where(p => !string.IsNullOrEmpty(p)))
            : null;

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
