using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>What browser journeys need in place, created through the running app's own services.</summary>
public sealed class JourneyData(PortalAppFactory app)
{
    public const string DemoMerchant = "Northwind Games";

    /// <summary>A new USD key item with its own codes.</summary>
    public async Task<(CatalogItem Item, IReadOnlyList<string> Codes)> KeyItemWithCodesAsync(long unitPriceMinor, int codes)
    {
        var services = app.Services;
        var sku = $"E2E-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var created = await services.GetRequiredService<CatalogService>().CreateAsync(
            new SaveCatalogItem(sku, $"Journey key {sku}", null, ProductType.Key, "USD", UnitPriceMinor: unitPriceMinor, MinQuantity: 1,
                MaxQuantity: 10),
            Actor.System);
        Assert.True(created.Succeeded, created.Error?.Message);
        var values = Enumerable.Range(0, codes).Select(_ => $"E2E-{Guid.NewGuid():N}".ToUpperInvariant()).ToList();
        var added = await services.GetRequiredService<KeyInventoryService>().AddCodesAsync(created.Value.Item.Id, values, Actor.System);
        Assert.True(added.Succeeded, added.Error?.Message);
        return (created.Value.Item, values);
    }

    public async Task<MerchantSummary> DemoMerchantAsync() =>
        (await app.Services.GetRequiredService<MerchantService>().FindByNameAsync(DemoMerchant))!;

    public async Task CreditDemoMerchantAsync(decimal amount)
    {
        var merchant = await DemoMerchantAsync();
        var credited = await app.Services.GetRequiredService<LedgerService>().AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, amount, "Deposit for a browser journey", Guid.NewGuid().ToString(), LargeAmountConfirmed: true),
            Actor.System);
        Assert.True(credited.Succeeded, credited.Error?.Message);
    }

    /// <summary>
    /// A new order of the demo merchant that can still be cancelled: paid with a saved 3-D Secure card whose challenge
    /// nobody completes, so it awaits payment (until the reconciliation calls it off after the payment timeout).
    /// </summary>
    public async Task<Order> DemoOrderAwaitingPaymentAsync(CatalogItem item)
    {
        var (customer, card) = await DemoCustomerWithCardAsync("Awaiting Authentication", "pm_card_authenticationRequired");
        var order = await PlaceDemoOrderAsync(customer, item, units: 1, card);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        return order;
    }

    /// <summary>A new customer of the demo merchant, with a unique email.</summary>
    public async Task<CustomerSummary> DemoCustomerAsync(string name)
    {
        var merchant = await DemoMerchantAsync();
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}-{Guid.NewGuid():N}"[..30] + "@example.test";
        var customer = await app.Services.GetRequiredService<CustomerService>().FindOrCreateAsync(
            merchant.Id, new CustomerRef(Email: email, Name: name), Actor.System);
        Assert.True(customer.Succeeded, customer.Error?.Message);
        return customer.Value;
    }

    /// <summary>
    /// A new customer of the demo merchant with a saved card, saved as the customer's page saves one (a SetupIntent
    /// started and completed through <see cref="CardService"/>), the SetupIntent confirmed with a Stripe test
    /// PaymentMethod such as <c>pm_card_visa</c> at the app's own sandbox instead of the card form.
    /// </summary>
    public async Task<(CustomerSummary Customer, string PaymentMethodId)> DemoCustomerWithCardAsync(string name, string testCard = "pm_card_visa")
    {
        var customer = await DemoCustomerAsync(name);
        var returnUrl = $"{app.RootUri}customers/{customer.Id}";
        var cards = app.Services.GetRequiredService<CardService>();
        var setup = await cards.StartSetupAsync(customer.Id, returnUrl, Actor.System);
        Assert.True(setup.Succeeded, setup.Error?.Message);
        var confirmed = await new Stripe.SetupIntentService(app.Services.GetRequiredService<StripeClientFactory>().Client).ConfirmAsync(
            setup.Value.SetupIntentId, new Stripe.SetupIntentConfirmOptions { PaymentMethod = testCard, ReturnUrl = returnUrl });
        if (confirmed.Status == "requires_action")
        {
            // A 3-D Secure card: pass the sandbox's challenge as the card holder would in the browser.
            confirmed = await CompleteChallengeAsync(confirmed);
        }

        Assert.Equal("succeeded", confirmed.Status);
        var saved = await cards.CompleteSetupAsync(customer.Id, confirmed.Id, Actor.System);
        Assert.True(saved.Succeeded, saved.Error?.Message);
        return (customer, saved.Value.PaymentMethodId);
    }

    private async Task<Stripe.SetupIntent> CompleteChallengeAsync(Stripe.SetupIntent intent)
    {
        var challenge = new Uri(intent.NextAction.RedirectToUrl.Url);
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent([new("client_secret", intent.ClientSecret), new("outcome", "complete")]);
        using var answer = await http.PostAsync(challenge.GetLeftPart(UriPartial.Path), form);
        return await new Stripe.SetupIntentService(app.Services.GetRequiredService<StripeClientFactory>().Client).GetAsync(intent.Id);
    }

    /// <summary>The demo merchant's own user, named as the portal names a signed-in user who acts (by their sign-in).</summary>
    public async Task<Actor> DemoMerchantUserAsync()
    {
        var demo = app.DemoUser(Roles.Merchant);
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(demo.Email);
        Assert.NotNull(user);
        return Actor.User(user.Id, user.UserName!, user.MerchantId, Roles.Merchant);
    }

    /// <summary>
    /// Places a one-line order of the demo merchant as its merchant user would from the portal, paid from the balance or
    /// with a saved card (charged before this returns). Fulfilment then runs in the app's background worker.
    /// </summary>
    public async Task<Order> PlaceDemoOrderAsync(CustomerSummary customer, CatalogItem item, int units, string? cardPaymentMethodId = null)
    {
        var merchant = await DemoMerchantAsync();
        var payment = cardPaymentMethodId is null
            ? PaymentChoice.Balance
            : new PaymentChoice(PaymentMethodKind.Card, cardPaymentMethodId, $"{app.RootUri}orders/{PaymentChoice.OrderIdToken}/payment-return");
        var placed = await app.Services.GetRequiredService<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(CustomerId: customer.Id), [new PlaceOrderLine(item.Id, units)], payment, OrderSource.Dashboard),
            await DemoMerchantUserAsync());
        Assert.True(placed.Succeeded, placed.Error?.Message);
        Assert.False(placed.Value.PaymentUnconfirmed, "Stripe's answer to the card charge did not arrive.");
        return placed.Value.Order.Order;
    }
}
