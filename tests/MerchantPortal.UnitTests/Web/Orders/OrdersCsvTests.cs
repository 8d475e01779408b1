using MerchantPortal.Orders;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Orders;

namespace MerchantPortal.UnitTests.Web.Orders;

public sealed class OrdersCsvTests
{
    [Theory]
    [InlineData("Ada Lovelace", "Ada Lovelace")]
    [InlineData("Lovelace, Ada", "\"Lovelace, Ada\"")]
    [InlineData("The \"Analyst\"", "\"The \"\"Analyst\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+447700900123", "'+447700900123")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Fields_are_quoted_when_needed_and_formulas_are_made_inert(string? value, string expected) =>
        Assert.Equal(expected, OrdersCsv.Field(value));

    [Fact]
    public void A_row_has_every_column_in_order_with_utc_time_and_the_amounts_in_major_units()
    {
        var order = Summary("USD", 123_450, new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc), refundedMinor: 74_070);

        var line = OrdersCsv.Line(Row(order));

        Assert.Equal(
            "MP-000042,2026-03-04T05:06:07Z,Northwind Games,PO-7,\"Doe, Jane\",jane@example.com,api,partial,partially_refunded,partial," +
            "balance,,USD,1100.00,80.00,54.50,1234.50,740.70,5,2,3\r\n",
            line);
        Assert.Equal(OrdersCsv.Columns.Count, line.Split(',').Length - 1);
    }

    [Theory]
    [InlineData("JPY", 1250, "1250")]
    [InlineData("KWD", 1250, "1.250")]
    [InlineData("EUR", 5, "0.05")]
    public void Totals_have_the_currencys_own_number_of_decimals(string currency, long minor, string expected) =>
        Assert.Equal(expected, Fields(Summary(currency, minor, DateTime.UtcNow))[Column("total")]);

    [Theory]
    [InlineData("USD", 0, "0.00")]
    [InlineData("USD", 1999, "19.99")]
    [InlineData("JPY", 300, "300")]
    [InlineData("KWD", 1, "0.001")]
    public void The_refunded_amount_follows_the_total_in_the_currencys_own_decimals(string currency, long refundedMinor, string expected)
    {
        var fields = Fields(Summary(currency, 500_000, DateTime.UtcNow, refundedMinor));

        Assert.Equal(Column("total") + 1, Column("refunded"));
        Assert.Equal(expected, fields[Column("refunded")]);
    }

    [Fact]
    public void The_header_names_the_columns_and_ends_the_line()
    {
        Assert.StartsWith("reference,created_at,merchant,merchant_order_id,customer,customer_email,source,status,", OrdersCsv.HeaderLine, StringComparison.Ordinal);
        Assert.EndsWith("subtotal,fees,taxes,total,refunded,units,delivered_units,undelivered_units\r\n", OrdersCsv.HeaderLine, StringComparison.Ordinal);
    }

    private static int Column(string name) => OrdersCsv.Columns.ToList().IndexOf(name);

    /// <summary>The row's fields as a CSV reader sees them (the customer's name holds a quoted comma).</summary>
    private static IReadOnlyList<string> Fields(OrderSummary order) => Assert.Single(CsvText.Parse(OrdersCsv.Line(Row(order))));

    private static OrderExportRow Row(OrderSummary order) => new(order, 110_000, 8_000, 5_450, null, null);

    private static OrderSummary Summary(string currency, long totalMinor, DateTime createdAt, long refundedMinor = 0) => new(
        Guid.NewGuid(), 42, Guid.NewGuid(), "Northwind Games", "PO-7", "Doe, Jane", "jane@example.com", OrderSource.Api,
        OrderStatus.Partial, PaymentStatus.PartiallyRefunded, FulfillmentStatus.Partial, PaymentMethodKind.Balance, currency, totalMinor,
        refundedMinor, 5, 2, createdAt);
}
