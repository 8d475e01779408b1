using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Merchants;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using CardService = MerchantPortal.Payments.CardService;
using CustomerService = MerchantPortal.Customers.CustomerService;

namespace MerchantPortal.Web.Operations;

/// <summary>
/// Demo customers with a saved card, saved as the Payment methods page saves one — a SetupIntent started and
/// completed through <see cref="CardService"/> — except that the SetupIntent is confirmed here with a Stripe test
/// PaymentMethod instead of the card form. Test cards only exist with test keys (the sandbox's, in Development).
/// </summary>
internal sealed class DemoCards(
    IDbContextFactory<PortalDb> dbs,
    CustomerService customers,
    CardService cards,
    StripeClientFactory stripe,
    IHttpClientFactory http,
    IOptionsMonitor<StripeOptions> stripeOptions,
    ILogger<DemoCards> logger)
{
    private const string ReturnUrl = "http://localhost/customers/cards/added";

    /// <summary>The HTTP client that submits the sandbox's 3-D Secure page.</summary>
    public const string ChallengeClient = "demo-3ds-challenge";

    /// <summary>
    /// Each demo merchant's card holders: four whose refunds go through at once, one whose refunds fail a few seconds
    /// later, one whose refunds stay pending for a while, one whose card saves but declines every payment, and one whose
    /// card asks for 3-D Secure on every payment (both kept out of the history, for today's declined and waiting orders).
    /// </summary>
    private static readonly (string Name, string TestCard)[] Holders =
    [
        ("Olivia Smith", "pm_card_visa"),
        ("Mateo Garcia", "pm_card_mastercard"),
        ("Anna Kowalski", "pm_card_visa"),
        ("Kofi Okafor", "pm_card_mastercard"),
        ("Ingrid Larsen", "pm_card_refundFail"),
        ("Yuki Nakamura", "pm_card_pendingRefund"),
        ("Tomás Novak", DemoCardHolder.DecliningCard),
        ("Lucía Romero", DemoCardHolder.AuthenticatingCard),
    ];

    /// <summary>Whether cards can be saved: Stripe is configured with test keys.</summary>
    public bool IsAvailable => stripeOptions.CurrentValue is { IsConfigured: true, SecretKey: { } key }
        && key.StartsWith("sk_test_", StringComparison.Ordinal);

    /// <summary>
    /// Creates the merchant's card holders and saves their cards, dated <paramref name="at"/>; an empty list when
    /// Stripe is not configured for tests or cannot be reached (the caller then pays from the balance only).
    /// </summary>
    public async Task<IReadOnlyList<DemoCardHolder>> SaveAsync(MerchantSummary merchant, Actor actor, DateTime at, CancellationToken ct)
    {
        if (!IsAvailable)
        {
            return [];
        }

        var saved = new List<DemoCardHolder>();
        foreach (var (name, testCard) in Holders)
        {
            var holder = await SaveOneAsync(merchant, name, testCard, actor, ct);
            if (holder is not null)
            {
                saved.Add(holder);
            }
            else if (testCard != DemoCardHolder.AuthenticatingCard)
            {
                // Only the 3-D Secure card is optional: its challenge can be passed only at the sandbox (see AuthenticateAsync).
                return [];
            }
        }

        await BackdateAsync(saved, at, ct);
        return saved;
    }

    private async Task<DemoCardHolder?> SaveOneAsync(MerchantSummary merchant, string name, string testCard, Actor actor, CancellationToken ct)
    {
        var customer = await customers.FindOrCreateAsync(merchant.Id,
            new CustomerRef(Email: $"{name.Replace(' ', '.')}@example.net".ToLowerInvariant(), Name: name), actor, ct);
        if (!customer.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo customer {name}: {customer.Error!.Message}");
        }

        var setup = await cards.StartSetupAsync(customer.Value.Id, ReturnUrl, actor, ct);
        if (!setup.Succeeded)
        {
            logger.LogWarning("Could not save demo cards: {Reason}", setup.Error!.Message);
            return null;
        }

        try
        {
            // What the card form does in the browser: confirm the SetupIntent with the card.
            var confirmed = await new SetupIntentService(stripe.Client).ConfirmAsync(setup.Value.SetupIntentId,
                new SetupIntentConfirmOptions { PaymentMethod = testCard, ReturnUrl = ReturnUrl }, cancellationToken: ct);
            if (confirmed.Status == "requires_action" && !await AuthenticateAsync(confirmed, ct))
            {
                logger.LogInformation("Demo data: the 3-D Secure card of {Name} was not saved; its challenge page could not be passed.", name);
                return null;
            }
            else if (confirmed.Status is not ("succeeded" or "requires_action"))
            {
                logger.LogWarning("Could not save demo cards: saving {TestCard} left its SetupIntent {Status}.", testCard, confirmed.Status);
                return null;
            }
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Could not save demo cards: Stripe refused or did not answer.");
            return null;
        }

        var card = await cards.CompleteSetupAsync(customer.Value.Id, setup.Value.SetupIntentId, actor, ct);
        if (!card.Succeeded)
        {
            logger.LogWarning("Could not save demo cards: {Reason}", card.Error!.Message);
            return null;
        }

        return new DemoCardHolder(customer.Value.Id, card.Value.PaymentMethodId, testCard);
    }

    /// <summary>
    /// What the card holder does in the browser on the sandbox's 3-D Secure page: "Complete authentication". Stripe's
    /// own test challenge is a page of its own, so with real test keys this fails and the card is left out.
    /// </summary>
    private async Task<bool> AuthenticateAsync(SetupIntent intent, CancellationToken ct)
    {
        if (intent.NextAction?.RedirectToUrl?.Url is not { } challenge || !Uri.TryCreate(challenge, UriKind.Absolute, out var address))
        {
            return false;
        }

        try
        {
            using var form = new FormUrlEncodedContent([new("client_secret", intent.ClientSecret), new("outcome", "complete")]);
            using var answer = await http.CreateClient(ChallengeClient).PostAsync(address.GetLeftPart(UriPartial.Path), form, ct);
            var completed = await new SetupIntentService(stripe.Client).GetAsync(intent.Id, cancellationToken: ct);
            return completed.Status == "succeeded";
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>The customers and their card audit entries date from before the history, like the opening deposit.</summary>
    private async Task BackdateAsync(List<DemoCardHolder> holders, DateTime at, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ids = holders.Select(h => h.CustomerId).ToList();
        var targets = ids.Select(id => id.ToString()).ToList();
        await db.Customers.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, at), ct);
        await db.AuditEntries.Where(a => a.TargetType == "customer" && targets.Contains(a.TargetId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.OccurredAt, at), ct);
    }
}

/// <summary>A demo customer with a saved card, and the Stripe test card behind it.</summary>
internal sealed record DemoCardHolder(Guid CustomerId, string PaymentMethodId, string TestCard)
{
    /// <summary>Saves, then declines every payment.</summary>
    public const string DecliningCard = "pm_card_chargeCustomerFail";

    /// <summary>Saves after a 3-D Secure challenge, and asks for one on every payment made in the portal.</summary>
    public const string AuthenticatingCard = "pm_card_authenticationRequired";

    /// <summary>Refunds to this card fail or stay pending at first.</summary>
    public bool RefundsSettleLater => TestCard is "pm_card_refundFail" or "pm_card_pendingRefund";

    /// <summary>Whether the history pays with it: not the declining card, whose orders would all fail, nor the one whose orders wait for 3-D Secure.</summary>
    public bool PaysInHistory => TestCard is not (DecliningCard or AuthenticatingCard);
}
