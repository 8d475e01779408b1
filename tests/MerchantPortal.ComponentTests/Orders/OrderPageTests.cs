using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Web.Features.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.ComponentTests.Orders;

/// <summary>
/// The order page against the real services. Its poll runs on a fake clock, so a test decides whether an
/// update can only have come from the change notifier or only from polling.
/// </summary>
public sealed class OrderPageTests : OrderComponentTest
{
    private readonly FakeTimeProvider _pollClock = new();

    [Fact]
    public async Task A_merchant_opening_another_merchants_order_is_told_it_is_not_found()
    {
        var (_, order) = await PlaceKeyOrderAsync(units: 1, codes: 1);
        var other = await Core.Catalog.MerchantAsync();

        var page = RenderOrderPage(other.Id, order.Id);

        page.WaitForAssertion(() => Assert.Contains("Order not found", TextOf(page, "order-not-found"), StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Delivery_in_this_instance_shows_at_once_with_the_codes_masked()
    {
        var (merchant, order) = await PlaceKeyOrderAsync(units: 2, codes: 2);
        var page = RenderOrderPage(merchant.Id, order.Id);
        page.WaitForAssertion(() => Assert.Equal("Pending", TextOf(page, "order-status")), Patience);

        await Core.DrainJobsAsync();

        page.WaitForAssertion(() => Assert.Equal("Completed", TextOf(page, "order-status")), Patience);
        Assert.Equal("Fulfilled", TextOf(page, "order-fulfilment-status"));
        Assert.Equal("2", page.Find("[data-testid='order-line-1'] [data-testid='line-delivered']").TextContent.Trim());
        var masked = page.FindAll("[data-testid='masked-code']").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(2, masked.Count);
        Assert.All(masked, m => Assert.StartsWith("•••• •••• ", m, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='order-live']"));
    }

    [Fact]
    public async Task The_three_status_chips_are_captioned_order_payment_and_fulfilment()
    {
        var (merchant, order, _) = await PlaceAndDeliverAsync();

        var page = RenderOrderPage(merchant.Id, order.Id);

        page.WaitForAssertion(() => Assert.Equal("Completed", TextOf(page, "order-status")), Patience);
        var chips = page.FindAll("[data-testid='order-statuses'] .mp-labelled-status")
            .Select(c => (Caption: c.QuerySelector(".mp-status-kind")!.TextContent.Trim(), Label: c.QuerySelector(".mp-status-chip")!.TextContent.Trim(),
                Title: c.GetAttribute("title")))
            .ToList();
        Assert.Equal(
            [("Order", "Completed", "Order: Completed"), ("Payment", "Paid", "Payment: Paid"), ("Fulfilment", "Fulfilled", "Fulfilment: Fulfilled")],
            chips);
    }

    [Fact]
    public async Task Delivery_by_another_instance_shows_on_the_next_poll()
    {
        // The page listens to its own notifier, which the fulfilment worker (another "instance") never raises.
        Services.AddSingleton(new OrderChangeNotifier());
        var (merchant, order) = await PlaceKeyOrderAsync(units: 1, codes: 1);
        var page = RenderOrderPage(merchant.Id, order.Id);
        page.WaitForAssertion(() => Assert.Equal("Pending", TextOf(page, "order-status")), Patience);

        await Core.DrainJobsAsync();
        Assert.Equal("Pending", TextOf(page, "order-status"));
        _pollClock.Advance(TimeSpan.FromSeconds(2));

        page.WaitForAssertion(() => Assert.Equal("Completed", TextOf(page, "order-status")), Patience);
    }

    [Fact]
    public async Task Revealing_a_code_after_confirming_shows_it_and_records_it_in_the_audit_log()
    {
        var (merchant, order, codes) = await PlaceAndDeliverAsync();
        var page = RenderOrderPage(merchant.Id, order.Id);

        page.WaitForElement("[data-testid='reveal-code']", Patience).Click();
        page.WaitForElement("[data-testid='confirm-ok']", Patience).Click();

        var revealed = page.WaitForElement("[data-testid='revealed-code']", Patience).TextContent.Trim();
        Assert.Contains(revealed, codes);
        Assert.Single(page.FindAll("[data-testid='masked-code']"));
        await using var db = await Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.CodeRevealed);
        Assert.Equal(PageUserId, entry.ActorId);
    }

    [Fact]
    public async Task Support_reveals_a_merchants_code_only_after_typing_a_reason_which_the_audit_log_keeps()
    {
        var (_, order, codes) = await PlaceAndDeliverAsync();
        Services.AddSingleton<TimeProvider>(_pollClock);
        var page = RenderPage<OrderPage>(Roles.Support, merchantId: null, new Dictionary<string, object?> { [nameof(OrderPage.Id)] = order.Id });

        page.WaitForElement("[data-testid='reveal-code']", Patience).Click();
        page.WaitForElement("[data-testid='confirm-ok']", Patience).Click();
        page.WaitForAssertion(() => Assert.Contains("Say why you need to see this merchant's code",
            page.Find("[data-testid='confirm-dialog']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid='revealed-code']"));

        page.Find("[data-testid='reveal-reason']").Input("Ticket 88: code not accepted");
        page.Find("[data-testid='confirm-ok']").Click();

        var revealed = page.WaitForElement("[data-testid='revealed-code']", Patience).TextContent.Trim();
        Assert.Contains(revealed, codes);
        await using var db = await Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.CodeRevealed);
        Assert.EndsWith("reason: Ticket 88: code not accepted", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_pending_order_with_a_reason_returns_the_payment_to_the_balance()
    {
        var (merchant, order) = await PlaceKeyOrderAsync(units: 1, codes: 1);
        var page = RenderOrderPage(merchant.Id, order.Id);

        page.WaitForElement("[data-testid='cancel-order']", Patience).Click();
        page.WaitForElement("[data-testid='cancel-reason']", Patience).Input("Customer changed their mind");
        page.Find("[data-testid='cancel-confirm']").Click();

        page.WaitForAssertion(() => Assert.Equal("Cancelled", TextOf(page, "order-status")), Patience);
        Assert.Equal("Refunded", TextOf(page, "order-payment-status"));
        Assert.Equal("$5.00", TextOf(page, "order-refunded"));
        Assert.Contains("Customer changed their mind", page.Find("[data-testid='order-timeline']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='cancel-order']"));
    }

    private IRenderedComponent<IComponent> RenderOrderPage(Guid merchantId, Guid orderId)
    {
        Services.AddSingleton<TimeProvider>(_pollClock);
        return RenderPage<OrderPage>(Roles.Merchant, merchantId, new Dictionary<string, object?> { [nameof(OrderPage.Id)] = orderId });
    }

    private async Task<(MerchantSummary Merchant, Order Order)> PlaceKeyOrderAsync(int units, int codes)
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: codes);
        var placed = await Core.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: "olga@example.test"), [new PlaceOrderLine(item.Id, units)],
                PaymentChoice.Balance, OrderSource.Dashboard),
            Actor.User("merchant-user", "merchant@test.example", merchant.Id, Roles.Merchant));
        return (merchant, placed.Value.Order.Order);
    }

    private async Task<(MerchantSummary Merchant, Order Order, IReadOnlyList<string> Codes)> PlaceAndDeliverAsync()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 500);
        var codes = await Core.Catalog.AddCodesAsync(item.Id, 2);
        var placed = await Core.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: "rui@example.test"), [new PlaceOrderLine(item.Id, 2)],
                PaymentChoice.Balance, OrderSource.Dashboard),
            Actor.User("merchant-user", "merchant@test.example", merchant.Id, Roles.Merchant));
        await Core.DrainJobsAsync();
        return (merchant, placed.Value.Order.Order, codes);
    }
}
