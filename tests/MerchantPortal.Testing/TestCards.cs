using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Payments;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using CardService = MerchantPortal.Payments.CardService;
using CustomerService = MerchantPortal.Customers.CustomerService;

namespace MerchantPortal.Testing;

/// <summary>Saves cards for customers through the real services and the Stripe sandbox, for service and API tests.</summary>
public sealed class TestCards(IServiceProvider services)
{
    /// <summary>A customer of the merchant with a saved card (a Stripe test PaymentMethod such as pm_card_visa); returns the card's id.</summary>
    public async Task<(CustomerSummary Customer, string PaymentMethodId)> CustomerWithCardAsync(Guid merchantId, string testPaymentMethod)
    {
        var cards = services.GetRequiredService<CardService>();
        var customer = (await services.GetRequiredService<CustomerService>().FindOrCreateAsync(
            merchantId, new CustomerRef(Email: $"card-{Guid.NewGuid():N}@example.test", Name: "Card Holder"), Actor.System)).Value;
        var setup = await cards.StartSetupAsync(customer.Id, "http://localhost/cards/added", Actor.System);
        var setupIntents = new SetupIntentService(services.GetRequiredService<StripeClientFactory>().Client);
        var confirmed = await setupIntents.ConfirmAsync(setup.Value.SetupIntentId,
            new SetupIntentConfirmOptions { PaymentMethod = testPaymentMethod, ReturnUrl = "http://localhost/cards/added" });
        if (confirmed.Status == "requires_action")
        {
            await CardTestHost.AuthenticateAsync(confirmed.NextAction.RedirectToUrl.Url, confirmed.ClientSecret, approve: true);
            confirmed = await setupIntents.GetAsync(confirmed.Id);
        }

        if (confirmed.Status != "succeeded")
        {
            throw new InvalidOperationException($"Saving {testPaymentMethod} left the SetupIntent {confirmed.Status}.");
        }

        var saved = await cards.CompleteSetupAsync(customer.Id, confirmed.Id, Actor.System);
        return (customer, saved.Value.PaymentMethodId);
    }
}
