using MerchantPortal.Orders;
using MerchantPortal.Support;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Features.Support;

namespace MerchantPortal.UnitTests.Web.Support;

public sealed class SupportQueueFilterTests
{
    [Fact]
    public void Every_filter_survives_the_trip_through_the_address()
    {
        var filter = new SupportQueueFilter
        {
            MerchantId = Guid.NewGuid(), Reason = OrderErrorCodes.OutOfStock, Age = SupportQueueAge.Week, PaymentMethod = PaymentMethodKind.Card,
        };
        var parameters = filter.ToQueryParameters();

        var parsed = SupportQueueFilter.Parse(parameters[SupportQueueKeys.Merchant]?.ToString(), (string?)parameters[SupportQueueKeys.Reason],
            (string?)parameters[SupportQueueKeys.Age], (string?)parameters[SupportQueueKeys.Payment]);

        Assert.True(parsed.Succeeded, parsed.Error?.Message);
        Assert.Equal(filter, parsed.Value);
    }

    [Theory]
    [InlineData(SupportQueueAge.Hour, "1h", 1)]
    [InlineData(SupportQueueAge.Day, "24h", 24)]
    [InlineData(SupportQueueAge.Week, "7d", 168)]
    public void Ages_read_as_short_words_in_the_address_and_become_the_querys_minimum_age(SupportQueueAge age, string word, int hours)
    {
        var filter = new SupportQueueFilter { Age = age };

        Assert.Equal(word, filter.ToQueryParameters()[SupportQueueKeys.Age]);
        Assert.Equal(TimeSpan.FromHours(hours), filter.ToQuery().OlderThan);
        Assert.Equal(age, SupportQueueFilter.Parse(null, null, word.ToUpperInvariant(), null).Value.Age);
    }

    [Fact]
    public void Reasons_and_payment_methods_are_read_in_any_case_and_written_as_the_api_spells_them()
    {
        var parsed = SupportQueueFilter.Parse(null, "refund_failed", null, "BALANCE").Value;

        Assert.Equal(OrderFlags.RefundFailed, parsed.Reason);
        Assert.Equal(PaymentMethodKind.Balance, parsed.PaymentMethod);
        Assert.Equal("balance", parsed.ToQueryParameters()[SupportQueueKeys.Payment]);
        Assert.Equal(OrderFlags.RefundFailed, parsed.ToQueryParameters()[SupportQueueKeys.Reason]);
    }

    [Fact]
    public void No_filters_leave_the_address_and_the_query_open()
    {
        var parsed = SupportQueueFilter.Parse(null, "", " ", null).Value;

        Assert.Equal(SupportQueueFilter.None, parsed);
        Assert.False(parsed.IsFiltered);
        Assert.All(parsed.ToQueryParameters().Values, Assert.Null);
        var query = parsed.ToQuery(page: 2, pageSize: 50);
        Assert.Null(query.OlderThan);
        Assert.Null(query.Reason);
        Assert.Equal(2, query.Page);
        Assert.Equal(50, query.PageSize);
    }

    [Theory]
    [InlineData("northwind", null, null, null, SupportQueueKeys.Merchant)]
    [InlineData(null, "BROKEN", null, null, SupportQueueKeys.Reason)]
    [InlineData(null, null, "2h", null, SupportQueueKeys.Age)]
    [InlineData(null, null, null, "cash", SupportQueueKeys.Payment)]
    [InlineData(null, null, null, "0", SupportQueueKeys.Payment)]
    public void A_value_that_makes_no_sense_names_its_field(string? merchant, string? reason, string? age, string? payment, string field)
    {
        var parsed = SupportQueueFilter.Parse(merchant, reason, age, payment);

        Assert.False(parsed.Succeeded);
        Assert.Equal("FILTER_INVALID", parsed.Error!.Code);
        Assert.Equal(field, parsed.Error.Field);
    }

    [Fact]
    public void Every_reason_the_queue_knows_can_be_chosen_and_reads_as_words()
    {
        Assert.All(SupportReasons.All, reason =>
        {
            Assert.Equal(reason, SupportQueueFilter.Parse(null, reason, null, null).Value.Reason);
            Assert.DoesNotContain("_", ReasonText.Of(reason), StringComparison.Ordinal);
        });
    }
}
