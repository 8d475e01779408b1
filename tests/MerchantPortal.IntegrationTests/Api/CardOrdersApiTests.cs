using System.Net;

namespace MerchantPortal.IntegrationTests.Api;

/// <summary>Card orders through the API, against the app's own Stripe sandbox through Stripe.net.</summary>
[Collection(ApiCollection.Name)]
public sealed class CardOrdersApiTests(ApiApp app)
{
    [Fact]
    public async Task An_order_paid_with_a_saved_card_is_charged_in_the_same_call()
    {
        var merchant = await app.MerchantAsync(balance: 0m);
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: 2500, codes: 1);
        var (customer, card) = await app.Cards.CustomerWithCardAsync(merchant.Id, "pm_card_visa");

        using var response = await merchant.PostCardOrderAsync(item, customer.Id, card);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await ApiJson.ReadAsync(response);
        var payment = order.GetProperty("payment");
        Assert.Equal("card", payment.GetProperty("method").GetString());
        Assert.Equal("paid", payment.GetProperty("status").GetString());
        Assert.StartsWith("pi_", payment.GetProperty("payment_intent_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("Visa 4242", payment.GetProperty("payment_method_description").GetString());
    }

    [Fact]
    public async Task A_card_needing_3d_secure_leaves_the_order_awaiting_payment_with_a_redirect()
    {
        var merchant = await app.MerchantAsync(balance: 0m);
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: 2500, codes: 1);
        var (customer, card) = await app.Cards.CustomerWithCardAsync(merchant.Id, "pm_card_authenticationRequired");

        using var response = await merchant.PostCardOrderAsync(item, customer.Id, card);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await ApiJson.ReadAsync(response);
        Assert.Equal("awaiting_payment", order.GetProperty("status").GetString());
        Assert.StartsWith("http", order.GetProperty("payment").GetProperty("next_action").GetProperty("redirect_url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declined_card_is_422_payment_declined_naming_the_failed_order()
    {
        var merchant = await app.MerchantAsync(balance: 0m);
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: 2500, codes: 1);
        var (customer, card) = await app.Cards.CustomerWithCardAsync(merchant.Id, "pm_card_chargeCustomerFail");

        using var response = await merchant.PostCardOrderAsync(item, customer.Id, card);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ApiJson.ReadAsync(response);
        Assert.Equal("PAYMENT_DECLINED", problem.Code());
        Assert.Equal(HttpStatusCode.OK, (await merchant.Http.GetAsync($"api/v1/orders/{problem.GetProperty("order_id").GetGuid()}")).StatusCode);
    }
}
