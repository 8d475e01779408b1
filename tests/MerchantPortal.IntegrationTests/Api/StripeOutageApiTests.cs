using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using MerchantPortal.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Api;

/// <summary>The app with a Stripe connection that tests can take down, to see what the API answers while Stripe is away.</summary>
public sealed class StripeOutageApiApp : ApiApp
{
    public UnreliableStripeConnection Connection { get; } = new();

    /// <summary>Runs the call while Stripe cannot be reached at all (every <c>/v1/</c> path fails to connect).</summary>
    public async Task<T> WhileStripeIsDownAsync<T>(Func<Task<T>> call)
    {
        Connection.FailingPath = "/v1/";
        Connection.Down = true;
        try
        {
            return await call();
        }
        finally
        {
            Connection.Down = false;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<Stripe.IHttpClient>(Connection));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Connection.Dispose();
        }
    }
}

/// <summary>Card orders and card refunds through the API while Stripe cannot be reached: nothing is charged or claimed that did not happen.</summary>
public sealed class StripeOutageApiTests(StripeOutageApiApp app) : IClassFixture<StripeOutageApiApp>
{
    [Fact]
    public async Task A_card_order_while_stripe_is_unreachable_is_503_with_retry_after_and_nothing_is_written_or_charged()
    {
        var merchant = await app.MerchantAsync(balance: 40m);
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: 2500, codes: 1);
        var (customer, card) = await app.Cards.CustomerWithCardAsync(merchant.Id, "pm_card_visa");
        var key = $"outage-{Guid.NewGuid():N}";

        using var response = await app.WhileStripeIsDownAsync(() => merchant.PostCardOrderAsync(item, customer.Id, card, idempotencyKey: key));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(ApiResults.UnavailableRetryAfterSeconds), response.Headers.RetryAfter!.Delta);
        var problem = await ApiJson.ReadAsync(response);
        Assert.Equal("PAYMENT_PROVIDER_UNAVAILABLE", problem.Code());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());

        var orders = await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/orders");
        Assert.Equal(0, orders.GetProperty("data").GetArrayLength());
        Assert.False(await app.DbAsync(db => db.Orders.AnyAsync(o => o.MerchantId == merchant.Id)));
        Assert.Empty(await app.PaymentIntentsAsync(customer.Id));
        Assert.Equal(4000, (await merchant.Http.GetFromJsonAsync<JsonElement>("api/v1/balance")).GetProperty("available").GetInt64());

        // Retrying as told, once Stripe is back, places the order and charges the card once.
        using var retried = await merchant.PostCardOrderAsync(item, customer.Id, card, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var order = await ApiJson.ReadAsync(retried);
        Assert.Equal("paid", order.GetProperty("payment_status").GetString());
        Assert.False(order.GetProperty("replayed").GetBoolean());
        Assert.Single(await app.PaymentIntentsAsync(customer.Id));
    }

    [Fact]
    public async Task A_card_charge_whose_answer_is_lost_is_201_awaiting_payment_rather_than_a_503_inviting_a_second_order()
    {
        var merchant = await app.MerchantAsync(balance: 0m);
        var item = await app.Catalog.KeyItemAsync(unitPriceMinor: 2500, codes: 1);
        var (customer, card) = await app.Cards.CustomerWithCardAsync(merchant.Id, "pm_card_visa");
        var key = $"lost-{Guid.NewGuid():N}";

        // The card check gets through; the charge reaches Stripe but its answer does not come back.
        app.Connection.FailingPath = "/v1/payment_intents";
        app.Connection.LoseAnswers = true;
        HttpResponseMessage response;
        try
        {
            response = await merchant.PostCardOrderAsync(item, customer.Id, card, idempotencyKey: key);
        }
        finally
        {
            app.Connection.LoseAnswers = false;
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var order = await ApiJson.ReadAsync(response);
            Assert.Equal("awaiting_payment", order.GetProperty("status").GetString());
            Assert.Equal("unpaid", order.GetProperty("payment_status").GetString());
        }

        // Sending the same request again confirms the payment Stripe already made, without a second charge.
        using var resent = await merchant.PostCardOrderAsync(item, customer.Id, card, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, resent.StatusCode);
        var replay = await ApiJson.ReadAsync(resent);
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        Assert.Equal("paid", replay.GetProperty("payment_status").GetString());
        Assert.Single(await app.PaymentIntentsAsync(customer.Id));
    }

    [Fact]
    public async Task A_card_refund_while_stripe_is_unreachable_waits_pending_moves_no_money_and_is_sent_once_when_stripe_is_back()
    {
        var merchant = await app.MerchantAsync(balance: 0m);
        var order = await merchant.PartialCardOrderAsync(units: 3, inStock: 1);
        var paymentIntentId = order.GetProperty("payment").GetProperty("payment_intent_id").GetString()!;

        using var response = await app.WhileStripeIsDownAsync(() =>
            merchant.PostAsync($"api/v1/orders/{order.Id()}/refunds", new { destination = "original_payment_method" }));

        // The refund is booked and its units held; Stripe has not been told yet, so no money has moved.
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var refund = await ApiJson.ReadAsync(response);
        Assert.Equal("pending", refund.GetProperty("status").GetString());
        Assert.Equal("original_payment_method", refund.GetProperty("destination").GetString());
        Assert.Equal(5000, refund.GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, refund.GetProperty("stripe_refund_id").ValueKind);
        Assert.Empty(await app.StripeRefundsAsync(paymentIntentId));
        var unchanged = await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{order.Id()}");
        Assert.Equal(("paid", 0L), (unchanged.GetProperty("payment_status").GetString(), unchanged.GetProperty("refund_amount").GetInt64()));

        // What the background job and reconciliation do once Stripe answers again.
        await app.Get<RefundSubmitter>().SubmitAsync(refund.Id(), CancellationToken.None);

        var listed = Assert.Single((await merchant.Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{order.Id()}/refunds")).GetProperty("data").EnumerateArray());
        Assert.Equal("succeeded", listed.GetProperty("status").GetString());
        var stripeRefund = Assert.Single(await app.StripeRefundsAsync(paymentIntentId));
        Assert.Equal((listed.GetProperty("stripe_refund_id").GetString(), 5000L), (stripeRefund.Id, stripeRefund.Amount));
    }
}
