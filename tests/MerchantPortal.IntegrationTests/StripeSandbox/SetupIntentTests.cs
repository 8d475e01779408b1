using System.Net;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

public sealed class SetupIntentTests : SandboxTestBase
{
    [Fact]
    public async Task A_setup_intent_waits_for_a_card_then_saves_it_to_the_customer()
    {
        var customer = await NewCustomerAsync();

        var created = await SetupIntents.CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customer.Id,
            AllowedPaymentMethodTypes = ["card"],
            Usage = "off_session",
            Metadata = new Dictionary<string, string> { ["portal_customer_id"] = "c-17" },
        });
        var confirmed = await SetupIntents.ConfirmAsync(created.Id, new SetupIntentConfirmOptions { PaymentMethod = "pm_card_visa" });

        Assert.Equal("requires_payment_method", created.Status);
        Assert.StartsWith($"{created.Id}_secret_", created.ClientSecret, StringComparison.Ordinal);
        Assert.Equal("off_session", created.Usage);
        Assert.Equal("c-17", created.Metadata["portal_customer_id"]);
        Assert.Equal("succeeded", confirmed.Status);
        var saved = await PaymentMethods.GetAsync(confirmed.PaymentMethodId);
        Assert.Equal(customer.Id, saved.CustomerId);
        Assert.Contains("setup_intent.succeeded", (await EventsOfAsync(created.Id)).Select(e => e.Type));
        Assert.Contains("payment_method.attached", (await EventsOfAsync(saved.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_setup_intent_can_be_confirmed_on_creation()
    {
        var customer = await NewCustomerAsync();

        var intent = await SetupIntents.CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customer.Id,
            PaymentMethod = "pm_card_mastercard",
            Confirm = true,
            ReturnUrl = "http://localhost:5080/cards",
        });

        Assert.Equal("succeeded", intent.Status);
        Assert.Single((await CustomerPaymentMethods.ListAsync(customer.Id)).Data);
    }

    [Fact]
    public async Task A_3d_secure_card_makes_the_setup_wait_for_authentication()
    {
        var customer = await NewCustomerAsync();
        var intent = await SetupIntents.CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id });

        var confirmed = await SetupIntents.ConfirmAsync(intent.Id, new SetupIntentConfirmOptions
        {
            PaymentMethod = "pm_card_authenticationRequired",
            ReturnUrl = "http://localhost:5080/cards",
        });

        Assert.Equal("requires_action", confirmed.Status);
        Assert.Equal("redirect_to_url", confirmed.NextAction.Type);
        Assert.StartsWith(Sandbox.BaseUri.ToString(), confirmed.NextAction.RedirectToUrl.Url, StringComparison.Ordinal);
        Assert.Empty((await CustomerPaymentMethods.ListAsync(customer.Id)).Data);
    }

    [Fact]
    public async Task A_declined_card_fails_the_setup_with_a_402_and_last_setup_error()
    {
        var customer = await NewCustomerAsync();
        var intent = await SetupIntents.CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id });

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            SetupIntents.ConfirmAsync(intent.Id, new SetupIntentConfirmOptions { PaymentMethod = "pm_card_chargeDeclined" }));
        var stored = await SetupIntents.GetAsync(intent.Id);

        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal("card_declined", error.StripeError.Code);
        Assert.Equal("requires_payment_method", error.StripeError.SetupIntent.Status);
        Assert.Equal("requires_payment_method", stored.Status);
        Assert.Equal("generic_decline", stored.LastSetupError.DeclineCode);
        Assert.Contains("setup_intent.setup_failed", (await EventsOfAsync(intent.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_succeeded_setup_cannot_be_confirmed_again()
    {
        var customer = await NewCustomerAsync();
        var intent = await SetupIntents.CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true });

        var error = await Assert.ThrowsAsync<StripeException>(() => SetupIntents.ConfirmAsync(intent.Id));

        Assert.Equal("setup_intent_unexpected_state", error.StripeError.Code);
    }
}
