using Bunit;
using MerchantPortal.ComponentTests.Orders;
using MerchantPortal.Identity;
using MerchantPortal.Web.Features.Orders;

namespace MerchantPortal.ComponentTests.Payments;

/// <summary>The saved-card choice on New order, against the offline Stripe sandbox: cards Stripe could not list are not taken for no cards.</summary>
public sealed class NewOrderSavedCardsTests() : OrderComponentTest(withStripe: true)
{
    [Fact]
    public async Task A_customer_with_a_saved_card_can_pay_with_it()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        await CardHost!.CustomerWithCardAsync(merchant.Id, "pm_card_visa");
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);

        ChooseCustomer(page, "example");

        page.WaitForAssertion(() => Assert.Equal("1 saved card(s).", TextOf(page, "card-hint")), Patience);
        Assert.False(page.Find("[data-testid='pay-by-card']").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid='retry-cards']"));
    }

    [Fact]
    public async Task Cards_stripe_could_not_list_say_so_and_a_retry_lists_them()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        await CardHost!.CustomerWithCardAsync(merchant.Id, "pm_card_visa");
        StripeConnection.FailingPaths = ["/v1/customers", "/v1/payment_methods"];
        StripeConnection.Down = true;
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);

        ChooseCustomer(page, "example");

        page.WaitForAssertion(() => Assert.StartsWith("Their saved cards could not be listed: We could not reach Stripe",
            TextOf(page, "card-hint"), StringComparison.Ordinal), Patience);
        Assert.True(page.Find("[data-testid='pay-by-card']").HasAttribute("disabled"));

        StripeConnection.Down = false;
        page.Find("[data-testid='retry-cards']").Click();

        page.WaitForAssertion(() => Assert.Equal("1 saved card(s).", TextOf(page, "card-hint")), Patience);
        Assert.False(page.Find("[data-testid='pay-by-card']").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid='retry-cards']"));
    }
}
