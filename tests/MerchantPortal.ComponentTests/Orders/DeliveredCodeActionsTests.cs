using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Web.Features.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.ComponentTests.Orders;

/// <summary>The order page's delivered-code actions: email them after a confirmation, print, download.</summary>
public sealed class DeliveredCodeActionsTests : OrderComponentTest
{
    [Fact]
    public async Task Sending_asks_first_then_records_one_send_and_says_where_it_went()
    {
        var (merchant, order) = await DeliveredOrderAsync("rui@example.test");
        var page = RenderActions(merchant.Id, order.Id, "rui@example.test");

        page.Find("[data-testid='send-codes']").Click();
        var dialog = page.WaitForElement("[data-testid='confirm-dialog']", Patience);
        Assert.Contains("rui@example.test", dialog.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountSendsAsync());

        page.Find("[data-testid='confirm-ok']").Click();

        page.WaitForAssertion(() => Assert.Contains("The codes are on their way to rui@example.test.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Equal(1, await CountSendsAsync());
    }

    [Fact]
    public async Task Cancelling_the_confirmation_sends_nothing()
    {
        var (merchant, order) = await DeliveredOrderAsync("rui@example.test");
        var page = RenderActions(merchant.Id, order.Id, "rui@example.test");

        page.Find("[data-testid='send-codes']").Click();
        page.WaitForElement("[data-testid='confirm-cancel']", Patience).Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='confirm-dialog']")), Patience);
        Assert.Equal(0, await CountSendsAsync());
        Assert.False(page.Find("[data-testid='send-codes']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Without_a_customer_email_the_send_is_disabled_and_says_why_while_print_and_download_stay()
    {
        var (merchant, order) = await DeliveredOrderAsync("rui@example.test");

        var page = RenderActions(merchant.Id, order.Id, email: null);

        Assert.True(page.Find("[data-testid='send-codes']").HasAttribute("disabled"));
        Assert.Contains("no email address", page.Find("[data-testid='send-codes-no-email']").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/orders/{order.Id}/codes.csv", page.Find("[data-testid='download-codes']").GetAttribute("href"));
        Assert.Equal($"/orders/{order.Id}/codes/print", page.Find("[data-testid='print-codes']").GetAttribute("href"));
    }

    [Fact]
    public async Task Staff_may_email_the_codes_but_not_print_or_download_them()
    {
        var (_, order) = await DeliveredOrderAsync("rui@example.test");

        var page = RenderPage<DeliveredCodeActions>(Roles.Support, merchantId: null, new Dictionary<string, object?>
        {
            [nameof(DeliveredCodeActions.OrderId)] = order.Id,
            [nameof(DeliveredCodeActions.CustomerEmail)] = "rui@example.test",
            [nameof(DeliveredCodeActions.CodeCount)] = 2,
        });

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='print-codes']")), Patience);
        Assert.Empty(page.FindAll("[data-testid='download-codes']"));
        Assert.False(page.Find("[data-testid='send-codes']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_send_from_the_order_page_shows_on_its_timeline()
    {
        var (merchant, order) = await DeliveredOrderAsync("rui@example.test");
        var page = RenderPage<OrderPage>(Roles.Merchant, merchant.Id, new Dictionary<string, object?> { [nameof(OrderPage.Id)] = order.Id });

        page.WaitForElement("[data-testid='send-codes']", Patience).Click();
        page.WaitForElement("[data-testid='confirm-ok']", Patience).Click();

        page.WaitForAssertion(() => Assert.Contains("sent the 2 delivered code(s) to rui@example.test by email",
            page.Find("[data-testid='order-timeline']").TextContent, StringComparison.Ordinal), Patience);
    }

    private IRenderedComponent<IComponent> RenderActions(Guid merchantId, Guid orderId, string? email) =>
        RenderPage<DeliveredCodeActions>(Roles.Merchant, merchantId, new Dictionary<string, object?>
        {
            [nameof(DeliveredCodeActions.OrderId)] = orderId,
            [nameof(DeliveredCodeActions.CustomerEmail)] = email,
            [nameof(DeliveredCodeActions.CodeCount)] = 2,
        });

    private async Task<int> CountSendsAsync()
    {
        await using var db = await Core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.CodeEmails.CountAsync();
    }

    private async Task<(MerchantSummary Merchant, Order Order)> DeliveredOrderAsync(string email)
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 2);
        var placed = await Core.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: email), [new PlaceOrderLine(item.Id, 2)], PaymentChoice.Balance, OrderSource.Dashboard),
            Actor.User("merchant-user", "merchant@test.example", merchant.Id, Roles.Merchant));
        await Core.DrainJobsAsync();
        return (merchant, placed.Value.Order.Order);
    }
}
