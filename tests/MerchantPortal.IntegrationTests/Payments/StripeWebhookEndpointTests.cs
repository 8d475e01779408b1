using System.Net;
using System.Text;
using System.Text.Json;
using MerchantPortal.Data;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace MerchantPortal.IntegrationTests.Payments;

/// <summary><c>POST /webhooks/stripe</c> through the real pipeline of the app hosting its Stripe sandbox.</summary>
public sealed class StripeWebhookEndpointTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task A_bad_signature_gets_a_400_problem_with_a_stable_code()
    {
        using var client = app.CreateBrowserlikeClient();
        const string payload = "{\"id\":\"evt_forged\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}";

        using var response = await PostAsync(client, payload, EventUtility.GenerateSignatureHeader(payload, "whsec_not_ours", null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("WEBHOOK_SIGNATURE_INVALID", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_missing_signature_is_refused()
    {
        using var client = app.CreateBrowserlikeClient();

        using var response = await client.PostAsync("webhooks/stripe", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_genuine_event_is_accepted_once_and_its_repeat_is_acknowledged_as_a_duplicate()
    {
        var secret = await WebhookSecretAsync();
        var stripe = new StripeClient(new StripeClientOptions { ApiKey = Setting("Stripe:SecretKey"), ApiBase = Setting("Stripe:ApiBase") });
        var customer = await new Stripe.CustomerService(stripe).CreateAsync(new CustomerCreateOptions { Email = "hook@example.test" });
        var created = (await new EventService(stripe).ListAsync(new EventListOptions { Type = "customer.created", Limit = 100 }))
            .Data.First(e => e.Data.Object is Customer c && c.Id == customer.Id);
        using var stripeApi = new HttpClient();
        stripeApi.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Setting("Stripe:SecretKey"));
        var payload = await stripeApi.GetStringAsync($"{Setting("Stripe:ApiBase")}/v1/events/{created.Id}");
        using var client = app.CreateBrowserlikeClient();

        using var first = await PostAsync(client, payload, EventUtility.GenerateSignatureHeader(payload, secret, null));
        using var second = await PostAsync(client, payload, EventUtility.GenerateSignatureHeader(payload, secret, null));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("\"duplicate\":true", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    [InlineData("{\"id\":\"evt_cut\",\"object\":\"event\",\"type\":\"payment_intent.succee")]
    [InlineData("\"just a string\"")]
    public async Task A_signed_body_that_is_not_an_event_gets_a_400_problem_and_changes_nothing(string payload)
    {
        var secret = await WebhookSecretAsync();
        using var client = app.CreateBrowserlikeClient();
        var receipts = await ReceiptCountAsync();

        using var response = await PostAsync(client, payload, EventUtility.GenerateSignatureHeader(payload, secret, null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("WEBHOOK_EVENT_INVALID", problem.RootElement.GetProperty("code").GetString());
        Assert.False(problem.RootElement.TryGetProperty("exception", out _));
        Assert.Equal(receipts, await ReceiptCountAsync());
    }

    [Fact]
    public async Task A_signed_event_for_a_payment_intent_stripe_does_not_know_is_acknowledged_and_ignored()
    {
        var secret = await WebhookSecretAsync();
        using var client = app.CreateBrowserlikeClient();
        var receipts = await ReceiptCountAsync();
        var payload = "{\"id\":\"evt_unknown_intent\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"created\":1764800000," +
                      "\"data\":{\"object\":{\"id\":\"pi_nobody_made\",\"object\":\"payment_intent\",\"metadata\":{\"order_id\":\"" + Guid.NewGuid() + "\"}}}}";

        using var response = await PostAsync(client, payload, EventUtility.GenerateSignatureHeader(payload, secret, null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(receipts, await ReceiptCountAsync());
    }

    [Fact]
    public async Task A_body_over_256_KB_is_refused_with_413_before_its_signature_is_checked()
    {
        using var client = app.CreateBrowserlikeClient();
        var huge = new string('x', 10 * 1024 * 1024);

        using var declared = await PostAsync(client, huge, "t=1,v1=unsigned");
        using var streamed = await client.PostAsync("webhooks/stripe", new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))));

        foreach (var response in new[] { declared, streamed })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("WEBHOOK_BODY_TOO_LARGE", problem.RootElement.GetProperty("code").GetString());
        }
    }

    private async Task<int> ReceiptCountAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.StripeEventReceipts.CountAsync();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string payload, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signature);
        return client.SendAsync(request);
    }

    private string Setting(string key) => app.Services.GetRequiredService<IConfiguration>()[key]!;

    /// <summary>The app registers its endpoint with the sandbox right after it starts listening.</summary>
    private async Task<string> WebhookSecretAsync()
    {
        _ = app.RootUri;
        for (var i = 0; i < 100; i++)
        {
            if (app.Services.GetRequiredService<IConfiguration>()["Stripe:WebhookSecret"] is { Length: > 0 } secret)
            {
                return secret;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The app did not register its webhook endpoint with the Stripe sandbox.");
    }
}
