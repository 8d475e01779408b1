using Bunit;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Web.Features.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Refunds;

/// <summary>The order page's refund and support actions, offered by role, against the real services.</summary>
public sealed class OrderPageRefundTests : RefundComponentTest
{
    [Theory]
    [InlineData(Roles.Support, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Merchant, false)]
    public async Task Refund_and_retry_fulfilment_are_offered_to_support_agents_and_admins_only(string role, bool offered)
    {
        var (merchant, order) = await PartialOrderAsync();

        var page = RenderOrderPage(role, merchant, order);

        page.WaitForAssertion(() => Assert.Equal("Partial", TextOf(page, "order-status")), Patience);
        Assert.Equal(offered, page.FindAll("[data-testid='refund-order']").Count == 1);
        Assert.Equal(offered, page.FindAll("[data-testid='retry-fulfilment']").Count == 1);
    }

    [Theory]
    [InlineData(Roles.Merchant, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Support, false)]
    public async Task Cancel_is_offered_to_merchants_and_admins_only(string role, bool offered)
    {
        var (merchant, order) = await PendingOrderAsync();

        var page = RenderOrderPage(role, merchant, order);

        page.WaitForAssertion(() => Assert.Equal("Pending", TextOf(page, "order-status")), Patience);
        Assert.Equal(offered, page.FindAll("[data-testid='cancel-order']").Count == 1);
    }

    [Fact]
    public async Task A_refund_made_on_the_order_page_is_told_in_a_snackbar_and_listed_with_the_order()
    {
        var (merchant, order) = await PartialOrderAsync(units: 5, codes: 2);
        var page = RenderOrderPage(Roles.Support, merchant, order);
        page.WaitForElement("[data-testid='refund-order']", Patience);
        Assert.Empty(page.FindAll("[data-testid='order-refunds-section']"));

        page.Find("[data-testid='refund-order']").Click();
        page.WaitForElement("[data-testid='refund-select-all']", Patience).Click();
        page.WaitForAssertion(() => Assert.Equal("$73.50", TextOf(page, "refund-total")), Patience);
        page.Find("[data-testid='refund-review']").Click();
        page.WaitForElement("[data-testid='refund-confirm']", Patience).Click();

        var reference = await OnlyRefundReferenceAsync();
        page.WaitForAssertion(() => Assert.Contains($"Refund {reference} of $73.50 succeeded", page.Markup, StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.Equal(reference, TextOf(page, "refund-reference")), Patience);
        Assert.Equal("Succeeded", TextOf(page, "refund-status"));
        Assert.Equal("3 × Test game key", TextOf(page, "refund-units"));
        Assert.Equal("Merchant balance", TextOf(page, "refund-destination"));
        Assert.Equal("$73.50", TextOf(page, "refund-amount"));
        Assert.Equal($"by {PageUserId}@test.example", TextOf(page, "refund-requested-by"));
        Assert.Equal("$73.50", TextOf(page, "order-refunded"));
        Assert.Equal("Partially refunded", TextOf(page, "order-payment-status"));
        Assert.Empty(page.FindAll("[data-testid='order-refund-pending']"));
        // Nothing is left: no more refunds, nothing to send back to fulfilment.
        Assert.True(page.Find("[data-testid='refund-order']").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid='retry-fulfilment']"));
    }

    [Fact]
    public async Task A_refund_waiting_for_approval_is_shown_as_pending_until_someone_decides()
    {
        var (merchant, order) = await PartialOrderAsync(units: 5, codes: 2, approvalThresholdMinor: 5_000);
        var requested = await Core.Get<RefundService>().RequestAsync(
            new RequestRefund(order.Id, null, RefundDestination.Balance, RefundReason.Undelivered), Agent);
        Assert.Equal(RefundStatus.PendingApproval, requested.Value.Refund.Status);

        var page = RenderOrderPage(Roles.Support, merchant, order);

        page.WaitForAssertion(() => Assert.Equal("$73.50", TextOf(page, "order-refund-pending")), Patience);
        Assert.Equal("$0.00", TextOf(page, "order-refunded"));
        Assert.Equal("Awaiting approval", TextOf(page, "refund-status"));
        Assert.Equal("Waits for a second agent's approval", TextOf(page, "refund-decided"));
        Assert.Equal("by agent@test.example", TextOf(page, "refund-requested-by"));
        Assert.Empty(page.FindAll("[data-testid='refund-retry']"));
    }

    [Fact]
    public async Task A_link_asking_to_refund_opens_the_dialog_once_and_leaves_the_address_clean()
    {
        var (merchant, order) = await PartialOrderAsync();

        var page = RenderOrderPage(Roles.Support, merchant, order, uri: $"/orders/{order.Id}?refund=open");

        page.WaitForElement("[data-testid='refund-dialog']", Patience);
        Assert.Equal($"http://localhost/orders/{order.Id}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_link_asking_to_refund_opens_nothing_for_a_merchant()
    {
        var (merchant, order) = await PartialOrderAsync();

        var page = RenderOrderPage(Roles.Merchant, merchant, order, uri: $"/orders/{order.Id}?refund=open");

        page.WaitForAssertion(() => Assert.Equal("Partial", TextOf(page, "order-status")), Patience);
        Assert.Empty(page.FindAll("[data-testid='refund-dialog']"));
    }

    [Fact]
    public async Task Retrying_fulfilment_after_a_restock_delivers_the_units_left()
    {
        var (merchant, order) = await PartialOrderAsync(units: 3, codes: 1);
        await Core.Catalog.AddCodesAsync(order.Lines.Single().ItemId, 2);
        var page = RenderOrderPage(Roles.Support, merchant, order);

        page.WaitForElement("[data-testid='retry-fulfilment']", Patience).Click();
        page.WaitForAssertion(() => Assert.Contains("The 2 unit(s) neither delivered nor refunded go back to fulfilment",
            TextOf(page, "confirm-dialog"), StringComparison.Ordinal), Patience);
        page.Find("[data-testid='confirm-ok']").Click();

        page.WaitForAssertion(() => Assert.Contains($"Fulfilment of {order.Reference} retried: 2 unit(s) sent again", page.Markup, StringComparison.Ordinal),
            Patience);
        await Core.DrainJobsAsync();
        page.WaitForAssertion(() => Assert.Equal("Completed", TextOf(page, "order-status")), Patience);
        Assert.Equal("3", page.Find("[data-testid='order-line-1'] [data-testid='line-delivered']").TextContent.Trim());
    }

    [Theory]
    [InlineData(Roles.Support, true)]
    [InlineData(Roles.Merchant, false)]
    public async Task A_flag_is_shown_on_the_order_and_support_marks_it_as_dealt_with(string role, bool mayClear)
    {
        var (merchant, order) = await PartialOrderAsync();
        await using (var db = await Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(o => o
                .SetProperty(x => x.FlagCode, OrderFlags.RefundFailed)
                .SetProperty(x => x.FlagMessage, "Refund RF-000001 of $20.00 failed: the card has expired or was cancelled"));
        }

        var page = RenderOrderPage(role, merchant, order);

        page.WaitForAssertion(() => Assert.Contains("the card has expired", TextOf(page, "order-flag-message"), StringComparison.Ordinal), Patience);
        Assert.Equal(mayClear, page.FindAll("[data-testid='clear-flag']").Count == 1);
        if (mayClear)
        {
            page.Find("[data-testid='clear-flag']").Click();
            page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='order-flag']")), Patience);
            var cleared = await Core.Get<OrderQueries>().GetAsync(order.Id, Agent);
            Assert.Null(cleared!.Order.FlagCode);
            Assert.Contains(cleared.Order.Events, e => e.Type == OrderEventTypes.FlagCleared);
        }
    }

    private IRenderedComponent<IComponent> RenderOrderPage(string role, MerchantSummary merchant, Order order, string? uri = null) =>
        RenderPage<OrderPage>(role, role == Roles.Merchant ? merchant.Id : null,
            new Dictionary<string, object?> { [nameof(OrderPage.Id)] = order.Id }, uri);

    /// <summary>The reference of the one refund made; the confirm click returns before the refund commits, so this waits for it.</summary>
    private async Task<string> OnlyRefundReferenceAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using var db = await Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
            if (await db.Refunds.Select(r => (long?)r.Number).SingleOrDefaultAsync() is { } number)
            {
                return Refund.FormatReference(number);
            }

            Assert.True(DateTime.UtcNow < deadline, "No refund was made.");
            await Task.Delay(50);
        }
    }
}
