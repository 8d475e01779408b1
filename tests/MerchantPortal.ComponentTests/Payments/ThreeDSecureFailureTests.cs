using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.ComponentTests.Orders;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Orders;
using Microsoft.AspNetCore.Components;
using PaymentIntentService = Stripe.PaymentIntentService;

namespace MerchantPortal.ComponentTests.Payments;

/// <summary>
/// A card order whose 3-D Secure challenge the card holder failed, against the real services and the offline
/// Stripe sandbox: the order page says it plainly and offers the ways on; Stripe's own words stay for support.
/// </summary>
public sealed class ThreeDSecureFailureTests() : OrderComponentTest(withStripe: true)
{
    [Fact]
    public async Task The_order_says_the_bank_did_not_confirm_and_keeps_stripes_codes_in_the_details()
    {
        var (merchant, order) = await FailedAuthenticationAsync();

        var page = RenderPage<OrderPage>(Roles.Merchant, merchant.Id, new Dictionary<string, object?> { [nameof(OrderPage.Id)] = order.Id });

        page.WaitForAssertion(() => Assert.Equal(
            "The customer's bank did not confirm the payment, so nothing was charged and nothing will be delivered.",
            TextOf(page, "order-error-message")), Patience);
        var details = page.Find("[data-testid='order-error-details']");
        Assert.Equal("DETAILS", details.TagName);
        Assert.Contains(OrderErrorCodes.AuthenticationRequired, details.TextContent, StringComparison.Ordinal);
        Assert.Contains("payment_intent_authentication_failure", details.TextContent, StringComparison.Ordinal);
        Assert.Contains(order.PaymentReference!, details.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("PaymentMethod has failed authentication", TextOf(page, "order-error-message"), StringComparison.Ordinal);
        Assert.Equal($"/orders/new?from={order.Id}&pay=card", page.Find("[data-testid='retry-payment']").GetAttribute("href"));
        Assert.Equal($"/orders/new?from={order.Id}&pay=balance", page.Find("[data-testid='pay-another-way']").GetAttribute("href"));
    }

    [Fact]
    public async Task Trying_again_opens_a_new_order_filled_in_with_the_same_customer_items_and_card()
    {
        var (merchant, order) = await FailedAuthenticationAsync();

        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id, uri: $"/orders/new?from={order.Id}&pay=card");

        page.WaitForAssertion(() => Assert.Contains(order.Reference, TextOf(page, "prefilled-from"), StringComparison.Ordinal), Patience);
        Assert.Equal("2", page.Find("[data-testid='line-0-quantity']").GetAttribute("value"));
        Assert.NotEmpty(page.FindAll("[data-testid='card-select']"));
        Assert.Empty(page.FindAll("[data-testid='line-1']"));
        Assert.True(string.IsNullOrEmpty(page.Find("[data-testid='merchant-order-id']").GetAttribute("value")));
    }

    [Fact]
    public async Task Paying_another_way_opens_the_same_order_filled_in_to_be_paid_from_the_balance()
    {
        var (merchant, order) = await FailedAuthenticationAsync();

        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id, uri: $"/orders/new?from={order.Id}&pay=balance");

        page.WaitForAssertion(() => Assert.Contains(order.Reference, TextOf(page, "prefilled-from"), StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid='card-select']"));
        Assert.Equal("$50.00", TextOf(page, "price-total"));
    }

    [Fact]
    public async Task Support_sees_the_plain_message_without_being_offered_to_place_an_order()
    {
        var (_, order) = await FailedAuthenticationAsync();

        var page = RenderPage<OrderPage>(Roles.Support, merchantId: null, new Dictionary<string, object?> { [nameof(OrderPage.Id)] = order.Id });

        page.WaitForElement("[data-testid='order-error-message']", Patience);
        Assert.Empty(page.FindAll("[data-testid='retry-payment']"));
        Assert.Empty(page.FindAll("[data-testid='pay-another-way']"));
    }

    /// <summary>A card order of two $25 keys whose 3-D Secure challenge failed, brought back from Stripe as the payment-return page does.</summary>
    private async Task<(MerchantSummary Merchant, Order Order)> FailedAuthenticationAsync()
    {
        var host = CardHost!;
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 2500, codes: 5);
        var (customer, card) = await host.CustomerWithCardAsync(merchant.Id, "pm_card_authenticationRequired");
        var actor = TestActors.MerchantUser(merchant.Id);
        var placed = await Core.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(CustomerId: customer.Id), [new PlaceOrderLine(item.Id, 2)],
                new PaymentChoice(PaymentMethodKind.Card, card, "http://localhost/orders/{order_id}/payment-return"), OrderSource.Dashboard),
            actor);
        var waiting = placed.Value.Order.Order;
        var intent = await new PaymentIntentService(host.Stripe).GetAsync(waiting.PaymentReference);
        await CardTestHost.AuthenticateAsync(waiting.PaymentActionUrl!, intent.ClientSecret, approve: false);
        var failed = await Core.Get<CardChargeService>().RefreshAsync(waiting.Id, Actor.System);
        Assert.Equal(OrderErrorCodes.AuthenticationRequired, failed.Value.Order.ErrorCode);
        return (merchant, failed.Value.Order);
    }
}
