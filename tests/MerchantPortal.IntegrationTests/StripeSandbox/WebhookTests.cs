using System.Net;
using System.Net.Sockets;
using MerchantPortal.StripeSandbox;
using MerchantPortal.Testing;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

public sealed class WebhookTests : SandboxTestBase
{
    private LocalSite _receiver = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _receiver = await LocalSite.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    protected override StripeSandboxOptions CreateOptions() =>
        new() { WebhookRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)] };

    private Task<WebhookEndpoint> SubscribeAsync(params string[] events) =>
        WebhookEndpoints.CreateAsync(new WebhookEndpointCreateOptions { Url = _receiver.Url("/webhooks/stripe").ToString(), EnabledEvents = [.. events] });

    [Fact]
    public async Task Deliveries_are_signed_so_that_stripe_net_accepts_them()
    {
        var endpoint = await SubscribeAsync("*");
        var customer = await NewCustomerAsync();
        var payment = await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1999, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true,
        });

        var received = await _receiver.WaitForAsync(requests => requests.Count >= 4);
        await EventuallyAsync(() => Task.FromResult(Sandbox.DeliveryAttempts.Count == 4), "four recorded attempts");
        var events = received.Select(r => EventUtility.ConstructEvent(r.Body, r.Signature, endpoint.Secret, 300)).ToList();

        Assert.StartsWith("whsec_", endpoint.Secret, StringComparison.Ordinal);
        Assert.All(received, r => Assert.Equal("POST", r.Method));
        Assert.All(events, e => Assert.Equal(StripeConfiguration.ApiVersion, e.ApiVersion));
        Assert.Equal(
            ["charge.succeeded", "customer.created", "payment_intent.created", "payment_intent.succeeded"],
            events.Select(e => e.Type).Order());
        var succeeded = Assert.IsType<PaymentIntent>(events.Single(e => e.Type == "payment_intent.succeeded").Data.Object);
        Assert.Equal(payment.Id, succeeded.Id);
        Assert.Equal("succeeded", succeeded.Status);
        Assert.All(Sandbox.DeliveryAttempts, a => Assert.True(a.Succeeded));
        Assert.Equal(events.Select(e => e.Id).Order(), Sandbox.DeliveryAttempts.Select(a => a.EventId).Order());
    }

    [Fact]
    public async Task A_forged_or_tampered_delivery_is_rejected_by_stripe_net()
    {
        var endpoint = await SubscribeAsync("customer.created");
        await NewCustomerAsync();

        var delivery = (await _receiver.WaitForAsync(requests => requests.Count == 1)).Single();

        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(delivery.Body.Replace("jenny", "eve", StringComparison.Ordinal), delivery.Signature, endpoint.Secret));
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(delivery.Body, delivery.Signature, "whsec_someone_else"));
    }

    [Fact]
    public async Task An_endpoint_that_answers_500_gets_the_event_again_and_every_attempt_is_recorded()
    {
        var endpoint = await SubscribeAsync("customer.created");
        var calls = 0;
        _receiver.Respond = _ => Interlocked.Increment(ref calls) == 1 ? 500 : 200;

        var customer = await NewCustomerAsync();
        await SavedCardAsync(customer);

        var received = await _receiver.WaitForAsync(requests => requests.Count >= 2);
        await EventuallyAsync(() => Task.FromResult(Sandbox.DeliveryAttempts.Count == 2), "two recorded attempts");
        var attempts = Sandbox.DeliveryAttempts;
        await EventuallyAsync(async () => (await Events.GetAsync(attempts[0].EventId)).PendingWebhooks == 0, "the event to be delivered");

        Assert.Equal(2, received.Count);
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.Equal([(1, 500), (2, 200)], attempts.Select(a => (a.AttemptNumber, a.StatusCode ?? 0)));
        Assert.All(attempts, a => Assert.Equal((endpoint.Id, "customer.created"), (a.EndpointId, a.EventType)));
        Assert.True(attempts[1].AttemptedAt > attempts[0].AttemptedAt);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_tried_once_per_retry_delay_then_given_up()
    {
        var closedPort = FreePorts.Next();
        await WebhookEndpoints.CreateAsync(new WebhookEndpointCreateOptions
        {
            Url = $"http://127.0.0.1:{closedPort}/hooks", EnabledEvents = ["customer.created"],
        });

        var customer = await NewCustomerAsync();

        await EventuallyAsync(async () => (await EventsOfAsync(customer.Id)).Single().PendingWebhooks == 0, "the deliveries to be given up");

        var attempts = Sandbox.DeliveryAttempts;
        Assert.Equal([1, 2, 3], attempts.Select(a => a.AttemptNumber));
        Assert.All(attempts, a => Assert.Null(a.StatusCode));
        Assert.All(attempts, a => Assert.False(string.IsNullOrEmpty(a.Error)));
    }

    [Fact]
    public async Task The_secret_is_shown_only_on_creation_and_deleted_endpoints_get_nothing()
    {
        var endpoint = await SubscribeAsync("customer.created");
        var (_, fetched, _) = await GetAsync($"/v1/webhook_endpoints/{endpoint.Id}");
        var listed = await WebhookEndpoints.ListAsync();

        var deleted = await WebhookEndpoints.DeleteAsync(endpoint.Id);
        await NewCustomerAsync();
        await Task.Delay(300);

        Assert.False(fetched.TryGetProperty("secret", out _));
        Assert.Equal(["customer.created"], fetched.GetProperty("enabled_events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(StripeConfiguration.ApiVersion, fetched.GetProperty("api_version").GetString());
        Assert.Null(listed.Data.Single().Secret);
        Assert.True(deleted.Deleted);
        Assert.Empty((await WebhookEndpoints.ListAsync()).Data);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task Only_subscribed_events_are_sent()
    {
        await SubscribeAsync("payment_method.attached");
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer);

        var received = await _receiver.WaitForAsync(requests => requests.Count >= 1);
        await Task.Delay(300);

        var delivered = EventUtility.ParseEvent(Assert.Single(_receiver.Requests).Body);
        Assert.Equal("payment_method.attached", delivered.Type);
        Assert.Equal(card.Id, ((PaymentMethod)delivered.Data.Object).Id);
        Assert.Single(received);
    }
}
