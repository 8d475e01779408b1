using System.Net;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

public sealed class RefundTests : SandboxTestBase
{
    private async Task<PaymentIntent> PaidAsync(string testCard = "pm_card_visa", long amount = 1000)
    {
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer, testCard);
        return await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = amount, Currency = "usd", Customer = customer.Id, PaymentMethod = card.Id, Confirm = true,
        });
    }

    [Fact]
    public async Task Partial_refunds_add_up_until_the_charge_is_fully_refunded()
    {
        var payment = await PaidAsync();

        var first = await Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = payment.Id, Amount = 400, Reason = "requested_by_customer" });
        var afterFirst = await Charges.GetAsync(payment.LatestChargeId);
        var rest = await Refunds.CreateAsync(new RefundCreateOptions { Charge = payment.LatestChargeId });
        var afterRest = await Charges.GetAsync(payment.LatestChargeId);
        var more = await Assert.ThrowsAsync<StripeException>(() => Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = payment.Id }));

        Assert.Equal(("succeeded", 400L, "requested_by_customer"), (first.Status, first.Amount, first.Reason));
        Assert.Equal((400L, false), (afterFirst.AmountRefunded, afterFirst.Refunded));
        Assert.Equal(600, rest.Amount);
        Assert.Equal((1000L, true), (afterRest.AmountRefunded, afterRest.Refunded));
        Assert.Equal("charge_already_refunded", more.StripeError.Code);
        var listed = await Refunds.ListAsync(new RefundListOptions { PaymentIntent = payment.Id });
        Assert.Equal([rest.Id, first.Id], listed.Data.Select(r => r.Id));
        Assert.Equal(first.Id, (await Refunds.GetAsync(first.Id)).Id);
        Assert.Contains("charge.refunded", (await EventsOfAsync(payment.LatestChargeId)).Select(e => e.Type));
        Assert.Contains("refund.created", (await EventsOfAsync(first.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task Refunding_more_than_is_left_is_refused_and_changes_nothing()
    {
        var payment = await PaidAsync();
        await Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = payment.Id, Amount = 700 });

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = payment.Id, Amount = 301 }));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
        Assert.Equal("amount", error.StripeError.Param);
        Assert.Equal(700, (await Charges.GetAsync(payment.LatestChargeId)).AmountRefunded);
        Assert.Single((await Refunds.ListAsync(new RefundListOptions { PaymentIntent = payment.Id })).Data);
    }

    [Fact]
    public async Task An_unpaid_intent_has_nothing_to_refund()
    {
        var customer = await NewCustomerAsync();
        var unpaid = await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 500, Currency = "usd", Customer = customer.Id });

        var error = await Assert.ThrowsAsync<StripeException>(() => Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = unpaid.Id }));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("payment_intent", error.StripeError.Param);
    }
}
