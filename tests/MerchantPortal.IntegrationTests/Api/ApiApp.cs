using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MerchantPortal.ApiKeys;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Payments;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace MerchantPortal.IntegrationTests.Api;

/// <summary>The real app over HTTP, with helpers to make merchants, items and API keys through the real services.</summary>
public class ApiApp : PortalAppFactory
{
    public ApiApp()
    {
        Settings["Api:RateLimit:PermitsPerSecond"] = "1000";
        Settings["Api:RateLimit:Burst"] = "1000";
    }

    public TestCatalog Catalog => new(Services);

    public TestCards Cards => new(Services);

    /// <summary>The app's own Stripe client, to check what the sandbox recorded.</summary>
    public IStripeClient StripeApi => Get<StripeClientFactory>().Client;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A new merchant with a balance, and a key with the given scopes (all of them by default).</summary>
    public async Task<ApiMerchant> MerchantAsync(decimal balance = 100m, params string[] scopes)
    {
        var merchant = await Catalog.MerchantAsync(balance: balance);
        return new ApiMerchant(this, merchant, await KeyAsync(merchant.Id, scopes));
    }

    public async Task<CreatedApiKey> KeyAsync(Guid merchantId, string[] scopes, DateTime? expiresAt = null)
    {
        var created = await Get<ApiKeyService>().CreateAsync(
            new CreateApiKey(merchantId, "Test integration", scopes.Length == 0 ? Scopes.All : scopes, expiresAt), TestCatalog.Admin);
        return created.Succeeded ? created.Value : throw new InvalidOperationException(created.Error!.Message);
    }

    public HttpClient Client(string? secret)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = RootUri };
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }

    /// <summary>Runs a read against the database, for assertions that a refused request changed nothing.</summary>
    public async Task<T> DbAsync<T>(Func<PortalDb, Task<T>> read)
    {
        await using var db = await Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await read(db);
    }

    /// <summary>The Stripe Refunds the sandbox holds for a PaymentIntent.</summary>
    public async Task<IReadOnlyList<Stripe.Refund>> StripeRefundsAsync(string paymentIntentId) =>
        (await new Stripe.RefundService(StripeApi).ListAsync(new RefundListOptions { PaymentIntent = paymentIntentId })).Data;

    /// <summary>The PaymentIntents the sandbox holds for a portal customer (none when nothing was charged).</summary>
    public async Task<IReadOnlyList<PaymentIntent>> PaymentIntentsAsync(Guid customerId)
    {
        var stripeCustomerId = await DbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.StripeCustomerId).SingleAsync());
        return (await new PaymentIntentService(StripeApi).ListAsync(new PaymentIntentListOptions { Customer = stripeCustomerId })).Data;
    }
}

/// <summary>A merchant, its API key and a client that sends it.</summary>
public sealed class ApiMerchant(ApiApp app, MerchantSummary merchant, CreatedApiKey key)
{
    private readonly ApiApp _app = app;

    public MerchantSummary Merchant { get; } = merchant;

    public CreatedApiKey Key { get; } = key;

    public HttpClient Http { get; } = app.Client(key.Secret);

    public Guid Id => Merchant.Id;

    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? null : new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Places a balance-paid order for one unit of the item and returns its JSON.</summary>
    public async Task<JsonElement> OrderAsync(CatalogItem item, int quantity = 1, string? idempotencyKey = null)
    {
        using var response = await PostAsync("api/v1/orders", new { item_id = item.Id, quantity, customer = new { email = $"c-{Guid.NewGuid():N}@example.test" } }, idempotencyKey);
        var body = await ApiJson.ReadAsync(response);
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
    }

    /// <summary>Places an order for the item paid with the customer's saved card; the caller reads the answer.</summary>
    public Task<HttpResponseMessage> PostCardOrderAsync(CatalogItem item, Guid customerId, string paymentMethodId, int quantity = 1, string? idempotencyKey = null) =>
        PostAsync("api/v1/orders",
            new { item_id = item.Id, quantity, customer_id = customerId, payment = new { method = "card", payment_method_id = paymentMethodId } }, idempotencyKey);

    /// <summary>
    /// A card-paid order of <paramref name="units"/> $25.00 keys of which only <paramref name="inStock"/> could be
    /// delivered, once fulfilment is over; returns the settled order's JSON.
    /// </summary>
    public async Task<JsonElement> PartialCardOrderAsync(int units, int inStock, string testCard = "pm_card_visa")
    {
        var item = await _app.Catalog.KeyItemAsync(unitPriceMinor: 2500, codes: inStock);
        var (customer, card) = await _app.Cards.CustomerWithCardAsync(Id, testCard);
        using var response = await PostCardOrderAsync(item, customer.Id, card, units);
        var placed = await ApiJson.ReadAsync(response);
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {placed}");
        }

        var settled = await SettledAsync(placed.Id());
        return settled.GetProperty("status").GetString() == "partial"
            ? settled
            : throw new InvalidOperationException($"Expected a partial order: {settled}");
    }

    /// <summary>Polls the order until fulfilment is over.</summary>
    public async Task<JsonElement> SettledAsync(Guid orderId)
    {
        for (var i = 0; i < 100; i++)
        {
            var order = await Http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{orderId}");
            if (order.GetProperty("status").GetString() is "completed" or "partial" or "failed" or "cancelled")
            {
                return order;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Order {orderId} did not settle.");
    }
}

internal static class ApiJson
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;

    public static Guid Id(this JsonElement resource) => resource.GetProperty("id").GetGuid();
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiApp>
{
    public const string Name = "api";
}
