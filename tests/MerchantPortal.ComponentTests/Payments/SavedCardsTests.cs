using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Payments;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Payments;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Payments;

/// <summary>A customer's saved cards, against the real card service and an offline Stripe sandbox.</summary>
public sealed class SavedCardsTests : PortalComponentTest, IAsyncLifetime
{
    private CardTestHost _host = default!;
    private Guid _customerId;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _host = await CardTestHost.StartAsync();
        var merchant = await _host.Core.Catalog.MerchantAsync();
        var (customer, _) = await _host.CustomerWithCardAsync(merchant.Id, "pm_card_visa");
        await _host.Core.Get<CardService>().CompleteSetupAsync(customer.Id,
            (await SaveAnotherAsync(customer.Id, "pm_card_mastercard")), Actor.System);
        _customerId = customer.Id;
        Services.AddSingleton(_host.Core.Get<CardService>());
        SignInAs(Roles.Merchant, merchantId: merchant.Id);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public void The_cards_show_brand_last_digits_expiry_and_the_default()
    {
        var cards = RenderCards();

        cards.WaitForAssertion(() => Assert.Equal(2, cards.FindAll("[data-testid^='card-']").Count));
        Assert.Contains("Visa", cards.Find("[data-testid='card-4242']").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cards.Find("[data-testid='card-4242'] [data-testid='default-card']"));
        Assert.Contains("Mastercard", cards.Find("[data-testid='card-4444']").TextContent, StringComparison.Ordinal);
        Assert.Matches(@"expires \d\d/\d\d", cards.Find("[data-testid='card-4444']").TextContent);
    }

    [Fact]
    public void Making_a_card_the_default_moves_the_default_mark()
    {
        var cards = RenderCards();
        cards.WaitForElement("[data-testid='card-4444'] [data-testid='make-default']").Click();

        cards.WaitForAssertion(() => Assert.NotNull(cards.Find("[data-testid='card-4444'] [data-testid='default-card']")));
        Assert.Empty(cards.FindAll("[data-testid='card-4242'] [data-testid='default-card']"));
    }

    [Fact]
    public async Task Removing_a_card_asks_first_and_then_detaches_it()
    {
        var provider = Render<MudDialogProvider>();
        var cards = RenderCards();
        cards.WaitForElement("[data-testid='card-4444'] [data-testid='remove-card']").Click();

        provider.WaitForElement("[data-testid='confirm-ok']").Click();

        cards.WaitForAssertion(() => Assert.Empty(cards.FindAll("[data-testid='card-4444']")));
        var left = await _host.Core.Get<CardService>().ListAsync(_customerId, Actor.System);
        Assert.Equal(["4242"], left.Value.Select(c => c.Last4));
    }

    private IRenderedComponent<SavedCards> RenderCards() => Render<SavedCards>(p => p.Add(c => c.CustomerId, _customerId));

    private async Task<string> SaveAnotherAsync(Guid customerId, string testCard)
    {
        var setup = await _host.Core.Get<CardService>().StartSetupAsync(customerId, "http://localhost/added", Actor.System);
        await new Stripe.SetupIntentService(_host.Stripe).ConfirmAsync(setup.Value.SetupIntentId,
            new Stripe.SetupIntentConfirmOptions { PaymentMethod = testCard, ReturnUrl = "http://localhost/added" });
        return setup.Value.SetupIntentId;
    }
}
