using System.Net;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

public sealed class PaymentMethodTests : SandboxTestBase
{
    [Fact]
    public async Task A_card_payment_method_shows_what_its_number_implies_and_never_the_number()
    {
        var visa = await CardAsync("4242 4242 4242 4242");
        var again = await CardAsync("4242424242424242");
        var mastercard = await CardAsync("5555555555554444");
        var (_, json, _) = await GetAsync($"/v1/payment_methods/{visa.Id}");

        Assert.StartsWith("pm_", visa.Id, StringComparison.Ordinal);
        Assert.Equal("card", visa.Type);
        Assert.Equal(("visa", "4242", "credit", 12, DateTime.UtcNow.Year + 2), (visa.Card.Brand, visa.Card.Last4, visa.Card.Funding, (int)visa.Card.ExpMonth, (int)visa.Card.ExpYear));
        Assert.Equal("pass", visa.Card.Checks.CvcCheck);
        Assert.Equal(visa.Card.Fingerprint, again.Card.Fingerprint);
        Assert.NotEqual(visa.Card.Fingerprint, mastercard.Card.Fingerprint);
        Assert.Equal("mastercard", mastercard.Card.Brand);
        Assert.DoesNotContain("4242424242424242", json.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4242424242424241", 12, 1, "123", "incorrect_number", "card[number]")]
    [InlineData("4242", 12, 1, "123", "invalid_number", "card[number]")]
    [InlineData("4242424242424242", 13, 1, "123", "invalid_expiry_month", "card[exp_month]")]
    [InlineData("4242424242424242", 12, -3, "123", "invalid_expiry_year", "card[exp_year]")]
    [InlineData("4242424242424242", 12, 1, "12", "invalid_cvc", "card[cvc]")]
    public async Task Invalid_card_details_are_refused_with_stripe_s_card_error_codes(string number, int month, int yearsFromNow, string cvc, string code, string param)
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentMethods.CreateAsync(new PaymentMethodCreateOptions
        {
            Type = "card",
            Card = new PaymentMethodCardOptions { Number = number, ExpMonth = month, ExpYear = DateTime.UtcNow.Year + yearsFromNow, Cvc = cvc },
        }));

        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal("card_error", error.StripeError.Type);
        Assert.Equal(code, error.StripeError.Code);
        Assert.Equal(param, error.StripeError.Param);
    }

    [Fact]
    public async Task Attaching_lists_the_card_under_the_customer_and_detaching_removes_it_for_good()
    {
        var customer = await NewCustomerAsync();
        var card = await CardAsync("5555555555554444");

        var attached = await PaymentMethods.AttachAsync(card.Id, new PaymentMethodAttachOptions { Customer = customer.Id });
        var listed = await PaymentMethods.ListAsync(new PaymentMethodListOptions { Customer = customer.Id, Type = "card" });
        var detached = await PaymentMethods.DetachAsync(card.Id);
        var afterDetach = await CustomerPaymentMethods.ListAsync(customer.Id);
        var reattach = await Assert.ThrowsAsync<StripeException>(() =>
            PaymentMethods.AttachAsync(card.Id, new PaymentMethodAttachOptions { Customer = customer.Id }));

        Assert.Equal(customer.Id, attached.CustomerId);
        Assert.Equal([card.Id], listed.Data.Select(p => p.Id));
        Assert.Null(detached.CustomerId);
        Assert.Empty(afterDetach.Data);
        Assert.Equal(HttpStatusCode.BadRequest, reattach.HttpStatusCode);
        var types = (await EventsOfAsync(card.Id)).Select(e => e.Type).ToList();
        Assert.Contains("payment_method.attached", types);
        Assert.Contains("payment_method.detached", types);
    }

    [Fact]
    public async Task Attaching_a_test_payment_method_id_creates_a_new_card_each_time()
    {
        var customer = await NewCustomerAsync();

        var first = await SavedCardAsync(customer, "pm_card_visa");
        var second = await SavedCardAsync(customer, "pm_card_visa");

        Assert.StartsWith("pm_", first.Id, StringComparison.Ordinal);
        Assert.NotEqual("pm_card_visa", first.Id);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal("4242", first.Card.Last4);
        Assert.Equal(2, (await CustomerPaymentMethods.ListAsync(customer.Id)).Data.Count);
    }

    [Theory]
    [InlineData("pm_card_chargeDeclined", "generic_decline")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds")]
    public async Task Cards_that_always_decline_cannot_be_saved(string testCard, string declineCode)
    {
        var customer = await NewCustomerAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => SavedCardAsync(customer, testCard));

        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal("card_declined", error.StripeError.Code);
        Assert.Equal(declineCode, error.StripeError.DeclineCode);
        Assert.Empty((await CustomerPaymentMethods.ListAsync(customer.Id)).Data);
    }

    [Fact]
    public async Task A_card_attached_to_one_customer_cannot_be_attached_to_another()
    {
        var jenny = await NewCustomerAsync();
        var max = await NewCustomerAsync("max@example.com");
        var card = await SavedCardAsync(jenny);

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            PaymentMethods.AttachAsync(card.Id, new PaymentMethodAttachOptions { Customer = max.Id }));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal(jenny.Id, (await PaymentMethods.GetAsync(card.Id)).CustomerId);
    }
}
