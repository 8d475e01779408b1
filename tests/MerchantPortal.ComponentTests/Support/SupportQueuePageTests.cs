using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Orders;

namespace MerchantPortal.ComponentTests.Support;

/// <summary>The support queue's "Needs attention" tab: rows, filters in the address, and the row actions.</summary>
public sealed class SupportQueuePageTests : SupportQueueTest
{
    [Fact]
    public async Task The_queue_lists_undelivered_orders_oldest_first_with_the_reason_in_words_and_their_age()
    {
        var northwind = await MerchantAsync();
        var contoso = await MerchantAsync();
        var (first, _) = await PartialOrderAsync(northwind.Id, units: 3, customerName: "Ada Early");
        Clock.Advance(TimeSpan.FromMinutes(50));
        var second = await FailedTopUpAsync(contoso.Id);
        Clock.Advance(TimeSpan.FromHours(2));

        var page = OpenQueue();

        page.WaitForAssertion(() => Assert.Equal([first.Order.Reference, second.Order.Reference], References(page)), Patience);
        var row = Row(page, first.Order.Reference);
        Assert.Equal("Out of stock", row.QuerySelector("[data-testid='queue-reason']")!.TextContent.Trim());
        Assert.Equal(OrderErrorCodes.OutOfStock, row.QuerySelector("[data-testid='queue-reason']")!.GetAttribute("data-code"));
        Assert.Equal("2 of 3", row.QuerySelector("[data-testid='queue-undelivered']")!.TextContent.Trim());
        Assert.Equal("2 h", row.QuerySelector("[data-testid='queue-age']")!.TextContent.Trim());
        Assert.Equal(northwind.Name, row.QuerySelector("[data-testid='queue-merchant']")!.TextContent.Trim());
        Assert.Equal("Partial", row.QuerySelector("[data-testid='queue-status']")!.TextContent.Trim());
        Assert.Equal($"/orders/{first.Order.Id}", row.QuerySelector("[data-testid='queue-order-link']")!.GetAttribute("href"));
        Assert.Equal("Provider error", Row(page, second.Order.Reference).QuerySelector("[data-testid='queue-reason']")!.TextContent.Trim());
        Assert.Equal("Approvals (0)", Tab(page, "Approvals").TextContent.Trim());
    }

    [Fact]
    public async Task Choosing_a_reason_narrows_the_rows_and_puts_the_filter_in_the_address()
    {
        var merchant = await MerchantAsync();
        var (outOfStock, _) = await PartialOrderAsync(merchant.Id);
        var providerError = await FailedTopUpAsync(merchant.Id);
        var page = OpenQueue();
        page.WaitForAssertion(() => Assert.Equal(2, References(page).Count), Patience);

        Choose(page, "queue-reason-filter", "Provider error");

        page.WaitForAssertion(() => Assert.Equal([providerError.Order.Reference], References(page)), Patience);
        Assert.Contains($"reason={OrderErrorCodes.ProviderError}", Uri, StringComparison.Ordinal);

        page.Find("[data-testid='queue-clear-filters']").Click();

        page.WaitForAssertion(() => Assert.Equal([outOfStock.Order.Reference, providerError.Order.Reference], References(page)), Patience);
        Assert.DoesNotContain("reason=", Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_in_the_address_apply_when_the_queue_opens()
    {
        var merchant = await MerchantAsync();
        var other = await MerchantAsync();
        var (old, _) = await PartialOrderAsync(merchant.Id);
        await PartialOrderAsync(other.Id);
        Clock.Advance(TimeSpan.FromHours(25));
        await PartialOrderAsync(merchant.Id);

        var page = OpenQueue($"/support?merchant={merchant.Id}&age=24h&payment=balance");

        page.WaitForAssertion(() => Assert.Equal([old.Order.Reference], References(page)), Patience);
        Assert.Equal("1 d", Row(page, old.Order.Reference).QuerySelector("[data-testid='queue-age']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Choosing_the_card_payment_method_leaves_only_card_orders()
    {
        var merchant = await MerchantAsync();
        await PartialOrderAsync(merchant.Id);
        var page = OpenQueue();
        page.WaitForAssertion(() => Assert.Single(References(page)), Patience);

        Choose(page, "queue-payment-filter", "Card");

        page.WaitForAssertion(() => Assert.Contains("No orders in the queue match these filters.",
            page.Find("[data-testid='queue-empty']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("payment=card", Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_in_the_address_that_makes_no_sense_shows_the_whole_queue_with_a_warning()
    {
        var page = OpenQueue("/support?age=forever");

        page.WaitForAssertion(() => Assert.Contains("'forever' is not an age", page.Find("[data-testid='queue-address-error']").TextContent,
            StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.Contains("Nothing needs attention right now.", page.Find("[data-testid='queue-empty']").TextContent,
            StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Retrying_fulfilment_after_a_restock_asks_first_then_delivers_and_the_order_leaves_the_queue()
    {
        var merchant = await MerchantAsync();
        var (partial, item) = await PartialOrderAsync(merchant.Id, units: 3);
        await Core.Catalog.AddCodesAsync(item.Id, 2);
        var page = OpenQueue();
        page.WaitForAssertion(() => Assert.Single(References(page)), Patience);

        Row(page, partial.Order.Reference).QuerySelector("[data-testid='queue-retry']")!.Click();
        Assert.Contains("2 undelivered units", page.WaitForElement("[data-testid='confirm-dialog']", Patience).TextContent, StringComparison.Ordinal);
        page.Find("[data-testid='confirm-ok']").Click();

        page.WaitForAssertion(() => Assert.Contains($"Fulfilment of {partial.Order.Reference} is being retried.", Snackbar(page),
            StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.Empty(References(page)), Patience);
        await Core.DrainJobsAsync();
        var order = await Core.Get<OrderQueries>().GetAsync(partial.Order.Id, TestActors.Support);
        Assert.Equal(OrderStatus.Completed, order!.Order.Status);
    }

    [Fact]
    public async Task Cancelling_the_retry_changes_nothing()
    {
        var merchant = await MerchantAsync();
        var (partial, _) = await PartialOrderAsync(merchant.Id);
        var page = OpenQueue();
        page.WaitForAssertion(() => Assert.Single(References(page)), Patience);

        Row(page, partial.Order.Reference).QuerySelector("[data-testid='queue-retry']")!.Click();
        page.WaitForElement("[data-testid='confirm-cancel']", Patience).Click();

        var order = await Core.Get<OrderQueries>().GetAsync(partial.Order.Id, TestActors.Support);
        Assert.Equal(OrderStatus.Partial, order!.Order.Status);
        Assert.Equal([partial.Order.Reference], References(page));
    }

    [Fact]
    public async Task Refund_opens_the_refund_dialog_over_the_queue_and_the_refunded_order_leaves_it()
    {
        var merchant = await MerchantAsync();
        var (partial, _) = await PartialOrderAsync(merchant.Id);
        var page = OpenQueue();
        page.WaitForAssertion(() => Assert.Single(References(page)), Patience);
        Assert.Equal($"/orders/{partial.Order.Id}", Row(page, partial.Order.Reference).QuerySelector("[data-testid='queue-open']")!.GetAttribute("href"));

        Row(page, partial.Order.Reference).QuerySelector("[data-testid='queue-refund']")!.Click();
        page.WaitForElement("[data-testid='refund-select-all']", Patience).Click();
        page.WaitForAssertion(() => Assert.Contains("$", page.Find("[data-testid='refund-total']").TextContent, StringComparison.Ordinal), Patience);
        page.Find("[data-testid='refund-review']").Click();
        page.WaitForElement("[data-testid='refund-confirm']", Patience).Click();

        page.WaitForAssertion(() => Assert.Empty(References(page)), Patience);
        var order = await Core.Get<OrderQueries>().GetAsync(partial.Order.Id, TestActors.Support);
        Assert.Equal(PaymentStatus.PartiallyRefunded, order!.Order.PaymentStatus);
    }

    [Fact]
    public async Task A_flagged_order_is_marked_as_dealt_with_and_leaves_the_queue()
    {
        var merchant = await MerchantAsync();
        var completed = await new MerchantPortal.Testing.TestOrders(Core.Services).PlaceKeyOrderAsync(merchant.Id,
            (await Core.Catalog.KeyItemAsync(codes: 1)).Id);
        await Core.DrainJobsAsync();
        await FlagAsync(completed.Order.Id, OrderFlags.LatePayment, "The card payment succeeded after the order stopped waiting for it.");
        var page = OpenQueue();
        page.WaitForAssertion(() => Assert.Single(References(page)), Patience);
        var row = Row(page, completed.Order.Reference);
        Assert.Equal("Late card payment", row.QuerySelector("[data-testid='queue-reason']")!.TextContent.Trim());
        Assert.Null(row.QuerySelector("[data-testid='queue-retry']"));
        Assert.Null(row.QuerySelector("[data-testid='queue-refund']"));

        row.QuerySelector("[data-testid='queue-clear-flag']")!.Click();
        page.WaitForElement("[data-testid='confirm-ok']", Patience).Click();

        page.WaitForAssertion(() => Assert.Contains($"{completed.Order.Reference} is marked as dealt with.", Snackbar(page), StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.Empty(References(page)), Patience);
        var order = await Core.Get<OrderQueries>().GetAsync(completed.Order.Id, TestActors.Support);
        Assert.Null(order!.Order.FlagCode);
    }

    [Fact]
    public async Task Rows_without_a_flag_offer_no_mark_as_dealt_with()
    {
        var merchant = await MerchantAsync();
        var (partial, _) = await PartialOrderAsync(merchant.Id);

        var page = OpenQueue();

        page.WaitForAssertion(() => Assert.Single(References(page)), Patience);
        Assert.Null(Row(page, partial.Order.Reference).QuerySelector("[data-testid='queue-clear-flag']"));
    }

    private static class TestActors
    {
        public static Actor Support { get; } = Actor.User("support-reader", "support-reader@test.example", null, Roles.Support);
    }
}
