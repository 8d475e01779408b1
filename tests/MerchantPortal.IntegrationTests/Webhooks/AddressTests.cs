using System.Net;
using MerchantPortal.Events;
using MerchantPortal.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Webhooks;

/// <summary>With private addresses refused, as in production; DNS is a fake, so nothing here connects anywhere but loopback.</summary>
public sealed class AddressTests : WebhookTest
{
    private readonly FakeAddressResolver _dns = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateAddresses"] = "false",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IWebhookAddressResolver>(_dns);
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("169.254.169.254")]
    [InlineData("127.0.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:192.168.1.1")]
    public async Task A_host_resolving_to_an_internal_address_is_refused(string address)
    {
        _dns.Answer = [IPAddress.Parse(address)];

        var created = await CreateAsync("https://hooks.example.com/in");

        Assert.Equal(WebhookErrors.UrlPrivateAddress.Code, Assert.Single(created.Error!.Errors).Code);
        Assert.Empty((await Endpoints.ListAsync(Merchant.Id, MerchantUser)).Value);
    }

    [Fact]
    public async Task One_internal_answer_among_public_ones_is_enough_to_refuse()
    {
        _dns.Answer = [IPAddress.Parse("203.0.113.10"), IPAddress.Parse("10.0.0.5")];

        var created = await CreateAsync("https://hooks.example.com/in");

        Assert.Equal("url", Assert.Single(created.Error!.Errors).Field);
    }

    [Fact]
    public async Task Plain_http_is_refused_outside_development()
    {
        var created = await CreateAsync("http://hooks.example.com/in");

        Assert.Equal(WebhookErrors.UrlInvalid.Code, Assert.Single(created.Error!.Errors).Code);
    }

    [Fact]
    public async Task A_host_that_resolves_inside_at_delivery_time_is_not_contacted()
    {
        var port = new Uri(Receiver.Url).Port;
        var created = await CreateAsync($"https://hooks.example.com:{port}/hooks");
        Assert.True(created.Succeeded);

        // The second DNS answer points at the portal's own machine (DNS rebinding).
        _dns.Answer = [IPAddress.Loopback];
        await PublishAsync();
        await Host.DrainJobsAsync();

        Assert.Empty(Receiver.Requests);
        var delivery = await DeliveryAsync(created.Value.Endpoint.Id);
        var attempt = delivery.Attempts[0];
        Assert.Null(attempt.StatusCode);
        Assert.Equal(WebhookErrors.UrlPrivateAddress.Message, attempt.Error);
        // Asked when the endpoint was saved, and again before each attempt.
        Assert.Equal(1 + delivery.AttemptCount, _dns.Asked.Count);
    }

    private Task<MerchantPortal.Common.Result<CreatedWebhookEndpoint>> CreateAsync(string url) =>
        Endpoints.CreateAsync(new CreateWebhookEndpoint(Merchant.Id, url, null, [IntegrationEventTypes.OrderCompleted]), MerchantUser);
}
