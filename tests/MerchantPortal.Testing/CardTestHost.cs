using MerchantPortal.Customers;
using MerchantPortal.Payments;
using MerchantPortal.StripeSandbox;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace MerchantPortal.Testing;

/// <summary>
/// The service layer wired to its own offline Stripe sandbox through real Stripe.net calls, for card
/// payment tests. Webhooks are not delivered by the sandbox here; tests hand events to the processor.
/// </summary>
public sealed class CardTestHost : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_test_card_host";

    private CardTestHost(StripeSandboxServer sandbox, CoreTestHost core)
    {
        Sandbox = sandbox;
        Core = core;
    }

    public StripeSandboxServer Sandbox { get; }

    public CoreTestHost Core { get; }

    public IStripeClient Stripe => Core.Get<StripeClientFactory>().Client;

    public static async Task<CardTestHost> StartAsync(
        Action<IServiceCollection>? configureServices = null, IDictionary<string, string?>? settings = null)
    {
        // Refunds of the refund test cards settle quickly here, as they do after a while at Stripe.
        var sandbox = await StripeSandboxServer.StartAsync(new StripeSandboxOptions { WebhookRetryDelays = [], RefundSettleDelay = TimeSpan.FromMilliseconds(300) });
        var all = new Dictionary<string, string?>
        {
            ["Stripe:SecretKey"] = sandbox.SecretKey,
            ["Stripe:PublishableKey"] = sandbox.PublishableKey,
            ["Stripe:ApiBase"] = sandbox.BaseUri.ToString().TrimEnd('/'),
            ["Stripe:WebhookSecret"] = WebhookSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var core = await CoreTestHost.StartAsync(configureServices, all);
        return new CardTestHost(sandbox, core);
    }

    /// <summary>A customer of the merchant with a saved card (a Stripe test PaymentMethod such as pm_card_visa); returns the card's id.</summary>
    public Task<(CustomerSummary Customer, string PaymentMethodId)> CustomerWithCardAsync(Guid merchantId, string testPaymentMethod) =>
        new TestCards(Core.Services).CustomerWithCardAsync(merchantId, testPaymentMethod);

    /// <summary>Answers the sandbox's 3-D Secure page as the card holder would.</summary>
    public static async Task AuthenticateAsync(string challengeUrl, string clientSecret, bool approve)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await browser.PostAsync(challengeUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = clientSecret,
            ["outcome"] = approve ? "complete" : "fail",
        }));
        if ((int)answer.StatusCode >= 400)
        {
            throw new InvalidOperationException($"The 3-D Secure page answered {(int)answer.StatusCode}.");
        }
    }

    /// <summary>The JSON of the newest event of that type the sandbox recorded about the object, as Stripe would POST it.</summary>
    public async Task<string> EventJsonAsync(string objectId, string type)
    {
        var events = await new EventService(Stripe).ListAsync(new EventListOptions { Type = type, Limit = 100 });
        var match = events.Data.First(e => e.Data.Object is IHasId target && target.Id == objectId);
        return await EventPayloadAsync(match.Id);
    }

    /// <summary>The ids of every event the sandbox recorded whose type starts with one of the prefixes (e.g. <c>refund.</c>), oldest first.</summary>
    public async Task<IReadOnlyList<string>> EventIdsAsync(IReadOnlyList<string> typePrefixes)
    {
        var ids = new List<string>();
        await foreach (var recorded in new EventService(Stripe).ListAutoPagingAsync(new EventListOptions { Limit = 100 }))
        {
            if (typePrefixes.Any(prefix => recorded.Type.StartsWith(prefix, StringComparison.Ordinal)))
            {
                ids.Add(recorded.Id);
            }
        }

        // Stripe lists events newest first.
        ids.Reverse();
        return ids;
    }

    /// <summary>The JSON of the event, as Stripe would POST it.</summary>
    public async Task<string> EventPayloadAsync(string eventId)
    {
        using var http = new HttpClient { BaseAddress = Sandbox.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Sandbox.SecretKey);
        return await http.GetStringAsync($"/v1/events/{eventId}");
    }

    /// <summary>A Stripe-Signature header for the payload, signed with this host's webhook secret.</summary>
    public static string Sign(string payload) => EventUtility.GenerateSignatureHeader(payload, WebhookSecret, null);

    /// <summary>Hands the sandbox's event of that type about the object to the portal's webhook processor, signed.</summary>
    public async Task<WebhookOutcome> DeliverEventAsync(string objectId, string type)
    {
        var payload = await EventJsonAsync(objectId, type);
        var outcome = await Core.Get<StripeWebhookProcessor>().ProcessAsync(payload, Sign(payload), CancellationToken.None);
        return outcome.Succeeded ? outcome.Value : throw new InvalidOperationException(outcome.Error!.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await Core.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
