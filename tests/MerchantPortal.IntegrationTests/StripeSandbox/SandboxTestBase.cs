using System.Net.Http.Headers;
using System.Text.Json;
using MerchantPortal.StripeSandbox;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

/// <summary>
/// A fresh sandbox per test, driven through the real Stripe.net client (and a raw HttpClient where a test
/// needs headers or the exact JSON).
/// </summary>
public abstract class SandboxTestBase : IAsyncLifetime
{
    protected StripeSandboxServer Sandbox { get; private set; } = default!;

    protected StripeClient Client { get; private set; } = default!;

    /// <summary>Authenticated with the sandbox's secret key, based at its root.</summary>
    protected HttpClient Http { get; private set; } = default!;

    protected CustomerService Customers => new(Client);

    protected PaymentMethodService PaymentMethods => new(Client);

    protected CustomerPaymentMethodService CustomerPaymentMethods => new(Client);

    protected SetupIntentService SetupIntents => new(Client);

    protected PaymentIntentService PaymentIntents => new(Client);

    protected ChargeService Charges => new(Client);

    protected RefundService Refunds => new(Client);

    protected EventService Events => new(Client);

    protected WebhookEndpointService WebhookEndpoints => new(Client);

    public virtual async Task InitializeAsync()
    {
        Sandbox = await StripeSandboxServer.StartAsync(CreateOptions());
        Client = ClientFor(Sandbox, Sandbox.SecretKey);
        Http = new HttpClient { BaseAddress = Sandbox.BaseUri };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sandbox.SecretKey);
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Sandbox.DisposeAsync();
    }

    protected virtual StripeSandboxOptions CreateOptions() => new();

    protected static StripeClient ClientFor(StripeSandboxServer sandbox, string apiKey) =>
        new(new StripeClientOptions { ApiKey = apiKey, ApiBase = sandbox.BaseUri.ToString().TrimEnd('/') });

    protected Task<Customer> NewCustomerAsync(string email = "jenny@example.com") =>
        Customers.CreateAsync(new CustomerCreateOptions { Email = email, Name = "Jenny Rosen" });

    /// <summary>A card saved to the customer from one of Stripe's test PaymentMethod ids.</summary>
    protected Task<PaymentMethod> SavedCardAsync(Customer customer, string testPaymentMethod = "pm_card_visa") =>
        PaymentMethods.AttachAsync(testPaymentMethod, new PaymentMethodAttachOptions { Customer = customer.Id });

    protected Task<PaymentMethod> CardAsync(string number, string cvc = "123") =>
        PaymentMethods.CreateAsync(new PaymentMethodCreateOptions
        {
            Type = "card",
            Card = new PaymentMethodCardOptions { Number = number, ExpMonth = 12, ExpYear = DateTime.UtcNow.Year + 2, Cvc = cvc },
        });

    protected async Task<(int Status, JsonElement Json, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await Http.SendAsync(request);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return ((int)response.StatusCode, json, response);
    }

    protected Task<(int Status, JsonElement Json, HttpResponseMessage Response)> PostAsync(string path, params (string Key, string Value)[] form) =>
        SendAsync(HttpMethod.Post, path, form.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    protected Task<(int Status, JsonElement Json, HttpResponseMessage Response)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Waits (at most 10 s) for something the sandbox does in the background.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    protected async Task<List<Event>> EventsOfAsync(string objectId)
    {
        var events = await Events.ListAsync(new EventListOptions { Limit = 100 });
        return events.Data.Where(e => (e.Data.Object as IHasId)?.Id == objectId).ToList();
    }
}
