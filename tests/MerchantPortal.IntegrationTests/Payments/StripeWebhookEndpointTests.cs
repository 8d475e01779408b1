using System.Net;
using System.Text;
using System.Text.Json;
using MerchantPortal.Testing;
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
