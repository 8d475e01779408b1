using MerchantPortal.Orders;
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
    public void A_row_has_every_column_in_order_with_utc_time_and_the_total_in_major_units()
    {
        var order = Summary("USD", 123_450, new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc));

        var line = OrdersCsv.Line(order);

        Assert.Equal(
            "MP-000042,2026-03-04T05:06:07Z,Northwind Games,PO-7,\"Doe, Jane\",jane@example.com,api,partial,partially_refunded,partial,USD,1234.50,5,2\r\n",
            line);
        Assert.Equal(OrdersCsv.Columns.Count, line.Split(',').Length - 1);
    }

    [Theory]
    [InlineData("JPY", 1250, "1250")]
    [InlineData("KWD", 1250, "1.250")]
    [InlineData("EUR", 5, "0.05")]
    public void Totals_have_the_currencys_own_number_of_decimals(string currency, long minor, string expected) =>
        Assert.Equal(expected, OrdersCsv.Line(Summary(currency, minor, DateTime.UtcNow)).Split(',')[12]);

    [Fact]
    public void The_header_names_the_columns_and_ends_the_line()
    {
        Assert.StartsWith("reference,created_at,merchant,merchant_order_id,customer,customer_email,source,status,", OrdersCsv.HeaderLine, StringComparison.Ordinal);
        Assert.EndsWith("total,units,delivered_units\r\n", OrdersCsv.HeaderLine, StringComparison.Ordinal);
    }

    private static OrderSummary Summary(string currency, long totalMinor, DateTime createdAt) => new(
        Guid.NewGuid(), 42, Guid.NewGuid(), "Northwind Games", "PO-7", "Doe, Jane", "jane@example.com", OrderSource.Api,
        OrderStatus.Partial, PaymentStatus.PartiallyRefunded, FulfillmentStatus.Partial, PaymentMethodKind.Balance, currency, totalMinor,
        0, 5, 2, createdAt);
}
