using System.Net;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

public sealed class PaymentIntentTests : SandboxTestBase
{
    private static PaymentIntentCreateOptions Payment(Customer customer, string paymentMethod, long amount = 1250) => new()
    {
        Amount = amount,
        Currency = "usd",
        Customer = customer.Id,
        PaymentMethod = paymentMethod,
        Confirm = true,
        Description = "Order MP-000123",
        Metadata = new Dictionary<string, string> { ["order_id"] = "3f1c2d" },
    };

    [Theory]
    [InlineData("pm_card_visa", "visa", "4242")]
    [InlineData("pm_card_mastercard", "mastercard", "4444")]
    [InlineData("pm_card_refundFail", "visa", "5126")]
    [InlineData("pm_card_pendingRefund", "visa", "7726")]
    public async Task A_payment_with_a_saved_good_card_succeeds_and_leaves_a_charge(string testCard, string brand, string last4)
    {
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer, testCard);

        var intent = await PaymentIntents.CreateAsync(Payment(customer, card.Id));

        Assert.Equal("succeeded", intent.Status);
        Assert.Equal(1250, intent.AmountReceived);
        var charge = await Charges.GetAsync(intent.LatestChargeId);
        Assert.Equal("succeeded", charge.Status);
        Assert.True(charge.Paid);
        Assert.Equal(1250, charge.Amount);
        Assert.Equal(intent.Id, charge.PaymentIntentId);
        Assert.Equal(customer.Id, charge.CustomerId);
        Assert.Equal(brand, charge.PaymentMethodDetails.Card.Brand);
        Assert.Equal(last4, charge.PaymentMethodDetails.Card.Last4);
        Assert.Equal("3f1c2d", charge.Metadata["order_id"]);
        var types = (await EventsOfAsync(intent.Id)).Select(e => e.Type).ToList();
        Assert.Contains("payment_intent.created", types);
        Assert.Contains("payment_intent.succeeded", types);
        Assert.Contains("charge.succeeded", (await EventsOfAsync(charge.Id)).Select(e => e.Type));
    }

    [Theory]
    [InlineData("pm_card_chargeDeclined", "generic_decline", "Your card was declined.")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds", "Your card has insufficient funds.")]
    public async Task A_declined_card_is_a_402_card_error_and_the_intent_needs_a_new_payment_method(string testCard, string declineCode, string message)
    {
        var customer = await NewCustomerAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(Payment(customer, testCard)));

        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal("card_error", error.StripeError.Type);
        Assert.Equal("card_declined", error.StripeError.Code);
        Assert.Equal(declineCode, error.StripeError.DeclineCode);
        Assert.Equal(message, error.StripeError.Message);
        var intent = error.StripeError.PaymentIntent;
        Assert.NotNull(intent);
        Assert.Equal("requires_payment_method", intent.Status);
        Assert.Equal(declineCode, intent.LastPaymentError.DeclineCode);

        var stored = await PaymentIntents.GetAsync(intent.Id);
        Assert.Equal("requires_payment_method", stored.Status);
        Assert.Null(stored.PaymentMethodId);
        Assert.Equal("card_declined", stored.LastPaymentError.Code);
        var charge = await Charges.GetAsync(stored.LatestChargeId);
        Assert.Equal("failed", charge.Status);
        Assert.Equal("card_declined", charge.FailureCode);
        Assert.Equal(error.StripeError.Charge, charge.Id);
        Assert.Contains("payment_intent.payment_failed", (await EventsOfAsync(intent.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_card_that_saves_fine_can_still_be_declined_when_charged()
    {
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer, "pm_card_chargeCustomerFail");

        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(Payment(customer, card.Id)));

        Assert.Equal("generic_decline", error.StripeError.DeclineCode);
        Assert.Equal(customer.Id, (await PaymentMethods.GetAsync(card.Id)).CustomerId);
    }

    [Theory]
    [InlineData("pm_card_authenticationRequired")]
    [InlineData("4000002500003155")]
    public async Task A_3d_secure_card_leaves_the_intent_waiting_with_a_redirect_to_the_challenge(string card)
    {
        var customer = await NewCustomerAsync();
        var paymentMethod = card.StartsWith("pm_", StringComparison.Ordinal) ? card : (await CardAsync(card)).Id;
        var options = Payment(customer, paymentMethod);
        options.ReturnUrl = "http://localhost:5080/orders/3f1c2d/payment";

        var intent = await PaymentIntents.CreateAsync(options);

        Assert.Equal("requires_action", intent.Status);
        Assert.Equal("redirect_to_url", intent.NextAction.Type);
        Assert.StartsWith(new Uri(Sandbox.BaseUri, "sandbox/authenticate/").ToString(), intent.NextAction.RedirectToUrl.Url);
        Assert.Equal(options.ReturnUrl, intent.NextAction.RedirectToUrl.ReturnUrl);
        Assert.Null(intent.LatestChargeId);
        Assert.Contains("payment_intent.requires_action", (await EventsOfAsync(intent.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_3d_secure_card_charged_off_session_fails_with_authentication_required()
    {
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer, "pm_card_authenticationRequired");
        var options = Payment(customer, card.Id);
        options.OffSession = true;

        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(options));

        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal("authentication_required", error.StripeError.Code);
        Assert.Equal("authentication_required", error.StripeError.DeclineCode);
        Assert.Equal("requires_payment_method", error.StripeError.PaymentIntent.Status);
    }

    [Fact]
    public async Task An_intent_confirmed_later_succeeds_and_cannot_be_confirmed_or_canceled_again()
    {
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer);
        var options = Payment(customer, card.Id);
        options.Confirm = false;

        var created = await PaymentIntents.CreateAsync(options);
        var confirmed = await PaymentIntents.ConfirmAsync(created.Id);

        Assert.Equal("requires_confirmation", created.Status);
        Assert.Equal("succeeded", confirmed.Status);
        var again = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.ConfirmAsync(created.Id));
        Assert.Equal("payment_intent_unexpected_state", again.StripeError.Code);
        var cancel = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CancelAsync(created.Id));
        Assert.Equal(HttpStatusCode.BadRequest, cancel.HttpStatusCode);
        Assert.Equal("payment_intent_unexpected_state", cancel.StripeError.Code);
    }

    [Fact]
    public async Task Canceling_an_unpaid_intent_records_when_and_why()
    {
        var customer = await NewCustomerAsync();
        var created = await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 500, Currency = "eur", Customer = customer.Id });

        var canceled = await PaymentIntents.CancelAsync(created.Id, new PaymentIntentCancelOptions { CancellationReason = "abandoned" });

        Assert.Equal("requires_payment_method", created.Status);
        Assert.Equal("canceled", canceled.Status);
        Assert.Equal("abandoned", canceled.CancellationReason);
        Assert.NotNull(canceled.CanceledAt);
        Assert.Contains("payment_intent.canceled", (await EventsOfAsync(created.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_card_used_without_a_customer_cannot_be_used_again()
    {
        var card = await CardAsync("4242424242424242");
        await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 900, Currency = "usd", PaymentMethod = card.Id, Confirm = true });

        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions { Amount = 900, Currency = "usd", PaymentMethod = card.Id, Confirm = true }));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("payment_method", error.StripeError.Param);
    }

    [Fact]
    public async Task A_customer_s_card_needs_the_customer_on_the_intent()
    {
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer);

        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions { Amount = 900, Currency = "usd", PaymentMethod = card.Id, Confirm = true }));

        Assert.Equal("payment_method", error.StripeError.Param);
        Assert.Contains(customer.Id, error.StripeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intents_are_listed_per_customer_newest_first()
    {
        var customer = await NewCustomerAsync();
        var other = await NewCustomerAsync("other@example.com");
        var first = await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "usd", Customer = customer.Id });
        var second = await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 200, Currency = "usd", Customer = customer.Id });
        await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 300, Currency = "usd", Customer = other.Id });

        var list = await PaymentIntents.ListAsync(new PaymentIntentListOptions { Customer = customer.Id });

        Assert.Equal([second.Id, first.Id], list.Data.Select(p => p.Id));
    }

    [Theory]
    [InlineData("amount", "10", "amount_too_small")]
    [InlineData("amount", "100000000", "amount_too_large")]
    public async Task Amounts_outside_stripe_s_limits_are_refused(string param, string value, string code)
    {
        var (status, json, _) = await PostAsync("/v1/payment_intents", (param, value), ("currency", "usd"));

        Assert.Equal(400, status);
        Assert.Equal(code, json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("amount", json.GetProperty("error").GetProperty("param").GetString());
    }
}
