using MerchantPortal.Orders;
using MerchantPortal.Web.Features.Orders;

namespace MerchantPortal.UnitTests.Web.Orders;

public sealed class OrderFilterTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public void Every_filter_survives_the_trip_through_the_address()
    {
        var filter = new OrderFilter
        {
            Statuses = [OrderStatus.AwaitingPayment, OrderStatus.Partial],
            Payment = PaymentStatus.PartiallyRefunded,
            Fulfillment = FulfillmentStatus.InProgress,
            From = new DateOnly(2026, 3, 1),
            To = new DateOnly(2026, 3, 31),
            ItemId = 42,
            Source = OrderSource.Api,
            MerchantId = Guid.NewGuid(),
            Refunds = RefundFilter.AwaitingApproval,
            Search = "jo@example.com",
            Sort = OrderSort.TotalHighest,
            TimeZone = London,
        };

        var parsed = OrderFilter.Parse(TextOf(filter.ToQueryParameters()));

        Assert.True(parsed.Succeeded, parsed.Error?.Message);
        Assert.Equal(filter, parsed.Value);
    }

    [Fact]
    public void The_address_uses_the_api_words_and_leaves_out_what_is_not_set()
    {
        var parameters = new OrderFilter { Statuses = [OrderStatus.AwaitingPayment], Payment = PaymentStatus.RequiresAction }.ToQueryParameters();

        Assert.Equal("awaiting_payment", Assert.Single((string[])parameters[OrderFilterKeys.Status]!));
        Assert.Equal("requires_action", parameters[OrderFilterKeys.Payment]);
        Assert.Null(parameters[OrderFilterKeys.Sort]);
        Assert.Null(parameters[OrderFilterKeys.From]);
        Assert.Null(parameters[OrderFilterKeys.Search]);
    }

    [Theory]
    [InlineData(RefundFilter.Any, "any")]
    [InlineData(RefundFilter.AwaitingApproval, "awaiting_approval")]
    [InlineData(RefundFilter.Pending, "pending")]
    [InlineData(RefundFilter.Failed, "failed")]
    [InlineData(RefundFilter.PartiallyRefunded, "partially_refunded")]
    [InlineData(RefundFilter.Refunded, "refunded")]
    public void The_refunds_filter_has_one_stable_word_in_the_address(RefundFilter refunds, string word)
    {
        var parameters = new OrderFilter { Refunds = refunds }.ToQueryParameters();

        Assert.Equal(word, parameters["refunds"]);
        Assert.Equal(refunds, OrderFilter.Parse(new OrderFilterText(Refunds: word.ToUpperInvariant())).Value.Refunds);
    }

    [Fact]
    public void The_refunds_filter_narrows_the_list_and_reaches_the_query()
    {
        var filter = OrderFilter.Parse(new OrderFilterText(Refunds: "failed")).Value;

        Assert.True(filter.IsFiltered);
        Assert.Equal(RefundFilter.Failed, filter.ToQuery(London).Refunds);
        Assert.Null(OrderFilter.None.ToQuery(London).Refunds);
        Assert.Null(OrderFilter.None.ToQueryParameters()[OrderFilterKeys.Refunds]);
        Assert.NotEqual(OrderFilter.None, filter);
    }

    [Fact]
    public void Statuses_may_be_repeated_or_comma_separated_in_any_case()
    {
        var parsed = OrderFilter.Parse(new OrderFilterText(Status: ["failed,PARTIAL", "partial"]));

        Assert.Equal([OrderStatus.Partial, OrderStatus.Failed], parsed.Value.Statuses);
    }

    [Fact]
    public void Only_the_sort_is_not_a_filter()
    {
        Assert.False(new OrderFilter { Sort = OrderSort.Oldest }.IsFiltered);
        Assert.True(new OrderFilter { Source = OrderSource.Dashboard }.IsFiltered);
        Assert.True(new OrderFilter { To = new DateOnly(2026, 1, 1) }.IsFiltered);
    }

    [Theory]
    [InlineData("status", "shipped", "FILTER_INVALID")]
    [InlineData("fulfillment", "1", "FILTER_INVALID")]
    [InlineData("source", "email", "FILTER_INVALID")]
    [InlineData("sort", "cheapest", "FILTER_INVALID")]
    [InlineData("from", "01/02/2026", "FILTER_INVALID")]
    [InlineData("item", "0", "FILTER_INVALID")]
    [InlineData("item", "12abc", "FILTER_INVALID")]
    [InlineData("merchant", "northwind", "FILTER_INVALID")]
    [InlineData("refunds", "yes", "FILTER_INVALID")]
    [InlineData("refunds", "2", "FILTER_INVALID")]
    [InlineData("tz", "Europe/Atlantis", "TIME_ZONE_INVALID")]
    public void A_value_that_makes_no_sense_names_its_field(string key, string value, string code)
    {
        var parsed = OrderFilter.Parse(TextOf(new Dictionary<string, object?> { [key] = key == "status" ? new[] { value } : value }));

        Assert.False(parsed.Succeeded);
        Assert.Equal(code, parsed.Error!.Code);
        Assert.Equal(key, parsed.Error.Field);
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_refused()
    {
        var parsed = OrderFilter.Parse(new OrderFilterText(From: "2026-02-02", To: "2026-02-01"));

        Assert.Equal("DATE_RANGE_INVALID", parsed.Error!.Code);
    }

    [Fact]
    public void A_search_longer_than_an_email_address_can_be_is_refused()
    {
        var parsed = OrderFilter.Parse(new OrderFilterText(Search: new string('a', OrderFilter.MaxSearchLength + 1)));

        Assert.Equal(OrderFilterKeys.Search, parsed.Error!.Field);
    }

    [Fact]
    public void Local_days_become_a_utc_range_from_the_first_midnight_to_the_midnight_after_the_last_day()
    {
        var query = new OrderFilter { From = new DateOnly(2026, 7, 1), To = new DateOnly(2026, 7, 2) }.ToQuery(London);

        Assert.Equal(new DateTime(2026, 6, 30, 23, 0, 0, DateTimeKind.Utc), query.CreatedFrom);
        Assert.Equal(new DateTime(2026, 7, 2, 23, 0, 0, DateTimeKind.Utc), query.CreatedTo);
        Assert.Equal(DateTimeKind.Utc, query.CreatedFrom!.Value.Kind);
    }

    [Fact]
    public void A_zone_in_the_address_wins_over_the_viewers_zone()
    {
        var query = new OrderFilter { From = new DateOnly(2026, 1, 10), TimeZone = TimeZoneInfo.Utc }.ToQuery(London);

        Assert.Equal(new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc), query.CreatedFrom);
    }

    [Fact]
    public void A_day_whose_midnight_is_skipped_by_a_clock_change_starts_at_its_first_real_minute()
    {
        // Chile moves its clocks from 00:00 to 01:00 on 6 September 2026.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        var day = new OrderFilter { From = new DateOnly(2026, 9, 6) }.ToQuery(santiago);
        var dayBefore = new OrderFilter { To = new DateOnly(2026, 9, 5) }.ToQuery(santiago);

        Assert.Equal(new DateTime(2026, 9, 6, 4, 0, 0, DateTimeKind.Utc), day.CreatedFrom);
        Assert.Equal(new DateTime(2026, 9, 6, 4, 0, 0, DateTimeKind.Utc), dayBefore.CreatedTo);
    }

    [Fact]
    public void A_day_whose_midnight_happens_twice_starts_at_the_first()
    {
        // Cuba turns its clocks back from 01:00 to 00:00 on 1 November 2026.
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

        var query = new OrderFilter { From = new DateOnly(2026, 11, 1) }.ToQuery(havana);

        Assert.Equal(new DateTime(2026, 11, 1, 4, 0, 0, DateTimeKind.Utc), query.CreatedFrom);
    }

    /// <summary>What the page's address would carry for these query parameters, as the page and the endpoint read it.</summary>
    private static OrderFilterText TextOf(IReadOnlyDictionary<string, object?> parameters)
    {
        string? One(string key) => parameters.TryGetValue(key, out var value) ? value switch
        {
            null => null,
            IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        } : null;

        return new OrderFilterText(
            parameters.TryGetValue(OrderFilterKeys.Status, out var statuses) ? (string[]?)statuses : null,
            One(OrderFilterKeys.Payment), One(OrderFilterKeys.Fulfillment), One(OrderFilterKeys.From), One(OrderFilterKeys.To),
            One(OrderFilterKeys.Item), One(OrderFilterKeys.Source), One(OrderFilterKeys.Merchant), One(OrderFilterKeys.Search),
            One(OrderFilterKeys.Sort), One(OrderFilterKeys.TimeZone), One(OrderFilterKeys.Refunds));
    }
}
