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
        using var file = JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(options.DataFile));
        Assert.DoesNotContain("4242424242424242", file.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(options.DataFile)!, "*.tmp"));
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
