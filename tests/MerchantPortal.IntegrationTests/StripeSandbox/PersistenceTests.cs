using System.Text.Json;
using MerchantPortal.StripeSandbox;
using MerchantPortal.Testing;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

public sealed class PersistenceTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Customers_cards_and_endpoints_survive_a_restart_with_a_data_file()
    {
        var options = new StripeSandboxOptions { DataFile = _directory.File("stripe/sandbox.json") };
        string customerId, cardId, endpointId;
        await using (var first = await StripeSandboxServer.StartAsync(options))
        {
            var client = Client(first);
            var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Email = "jenny@example.com" });
            var card = await new PaymentMethodService(client).AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = customer.Id });
            var endpoint = await new WebhookEndpointService(client).CreateAsync(new WebhookEndpointCreateOptions
            {
                Url = "http://localhost:5080/webhooks/stripe", EnabledEvents = ["*"],
            });
            (customerId, cardId, endpointId) = (customer.Id, card.Id, endpoint.Id);
        }

        await using var second = await StripeSandboxServer.StartAsync(options);
        var restarted = Client(second);
        var cards = await new CustomerPaymentMethodService(restarted).ListAsync(customerId);
        var payment = await new PaymentIntentService(restarted).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 700, Currency = "usd", Customer = customerId, PaymentMethod = cardId, Confirm = true,
        });

        Assert.Equal("jenny@example.com", (await new CustomerService(restarted).GetAsync(customerId)).Email);
        Assert.Equal([cardId], cards.Data.Select(c => c.Id));
        Assert.Equal(endpointId, (await new WebhookEndpointService(restarted).GetAsync(endpointId)).Id);
        Assert.Equal("succeeded", payment.Status);
        await second.DisposeAsync(); // its background save may still be writing the temporary file until then
        using var file = JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(options.DataFile));
        Assert.DoesNotContain("4242424242424242", file.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(options.DataFile)!, "*.tmp"));
    }

    [Fact]
    public async Task A_request_retried_with_its_idempotency_key_after_a_restart_is_replayed_not_run_again()
    {
        var options = new StripeSandboxOptions { DataFile = _directory.File("stripe/sandbox.json") };
        var create = new PaymentIntentCreateOptions { Amount = 1200, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true };
        var request = new RequestOptions { IdempotencyKey = "order-42-charge" };
        string firstId;
        await using (var first = await StripeSandboxServer.StartAsync(options))
        {
            firstId = (await new PaymentIntentService(Client(first)).CreateAsync(create, request)).Id;
        }

        await using var second = await StripeSandboxServer.StartAsync(options);
        var payments = new PaymentIntentService(Client(second));
        var retried = await payments.CreateAsync(create, request);

        Assert.Equal(firstId, retried.Id);
        Assert.Equal("true", retried.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single((await payments.ListAsync()).Data);
        var changed = await Assert.ThrowsAsync<StripeException>(() =>
            payments.CreateAsync(new PaymentIntentCreateOptions { Amount = 999, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true }, request));
        Assert.Equal("idempotency_error", changed.StripeError.Type);
    }

    [Fact]
    public async Task A_change_is_in_the_data_file_before_the_sandbox_answers_it()
    {
        var options = new StripeSandboxOptions { DataFile = _directory.File("stripe/sandbox.json") };
        await using var sandbox = await StripeSandboxServer.StartAsync(options);
        var customers = new CustomerService(Client(sandbox));

        // Read straight after each answer, before the background save could be relied on: a crash now loses nothing.
        for (var i = 0; i < 10; i++)
        {
            var customer = await customers.CreateAsync(new CustomerCreateOptions { Email = $"durable{i}@example.com" });
            Assert.Contains(customer.Id, await System.IO.File.ReadAllTextAsync(options.DataFile), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Webhook_retries_left_pending_by_a_stopped_sandbox_resume_after_its_restart()
    {
        await using var receiver = await LocalSite.StartAsync();
        receiver.Respond = _ => 500;
        var options = new StripeSandboxOptions
        {
            DataFile = _directory.File("stripe/sandbox.json"),
            WebhookRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)],
        };
        string eventId;
        await using (var first = await StripeSandboxServer.StartAsync(options))
        {
            var client = Client(first);
            await new WebhookEndpointService(client).CreateAsync(new WebhookEndpointCreateOptions
            {
                Url = receiver.Url("/webhooks/stripe").ToString(), EnabledEvents = ["customer.created"],
            });
            await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Email = "retry@example.com" });
            await receiver.WaitForAsync(requests => requests.Count == 1);
            eventId = (await new EventService(client).ListAsync(new EventListOptions { Type = "customer.created" })).Data.Single().Id;
            await WaitForAttemptAsync(first, 1);
        }

        receiver.Respond = _ => 200;
        await using var second = await StripeSandboxServer.StartAsync(options);

        var received = await receiver.WaitForAsync(requests => requests.Count == 2);
        var attempt = await WaitForAttemptAsync(second, 2);
        Assert.Equal(eventId, attempt.EventId);
        Assert.True(attempt.Succeeded);
        Assert.All(received, r => Assert.Contains(eventId, r.Body, StringComparison.Ordinal));
        var delivered = await EventuallyAsync(async () => (await new EventService(Client(second)).GetAsync(eventId)).PendingWebhooks == 0);
        Assert.True(delivered);
    }

    private static async Task<WebhookDeliveryAttempt> WaitForAttemptAsync(StripeSandboxServer sandbox, int attempt)
    {
        for (var i = 0; i < 200; i++)
        {
            if (sandbox.DeliveryAttempts.FirstOrDefault(a => a.AttemptNumber == attempt) is { } made)
            {
                return made;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Delivery attempt {attempt} was not made.");
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    [Fact]
    public async Task Without_a_data_file_a_restart_starts_empty()
    {
        var first = await StripeSandboxServer.StartAsync(new StripeSandboxOptions());
        await new CustomerService(Client(first)).CreateAsync(new CustomerCreateOptions { Email = "jenny@example.com" });
        await first.DisposeAsync();
        await first.DisposeAsync();

        await using var second = await StripeSandboxServer.StartAsync(new StripeSandboxOptions());

        Assert.Empty((await new CustomerService(Client(second)).ListAsync()).Data);
    }

    [Fact]
    public async Task A_corrupt_data_file_stops_the_start_with_a_clear_message()
    {
        var path = _directory.File("broken.json");
        await System.IO.File.WriteAllTextAsync(path, "{ not json");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StripeSandboxServer.StartAsync(new StripeSandboxOptions { DataFile = path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static StripeClient Client(StripeSandboxServer sandbox) =>
        new(new StripeClientOptions { ApiKey = sandbox.SecretKey, ApiBase = sandbox.BaseUri.ToString().TrimEnd('/') });
}
