using MerchantPortal.Auditing;
using MerchantPortal.Webhooks;

namespace MerchantPortal.IntegrationTests.Webhooks;

public sealed class CircuitBreakerTests : WebhookTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:PauseAfterConsecutiveFailures"] = "3",
    };

    [Fact]
    public async Task Failures_in_a_row_pause_the_endpoint_and_resume_sends_what_waited()
    {
        var endpoint = await EndpointAsync();
        Receiver.Answer(500, 500, 500);
        await PublishAsync();

        await Host.DrainJobsAsync();
        var paused = await ReloadAsync(endpoint.Endpoint.Id);
        var waiting = await DeliveryAsync(endpoint.Endpoint.Id);
        await PublishAsync();
        await Host.DrainJobsAsync();

        Assert.Equal(WebhookEndpointState.Paused, paused.State);
        Assert.Equal(3, paused.ConsecutiveFailures);
        Assert.NotNull(paused.PausedAt);
        Assert.Equal(WebhookDeliveryStatus.Pending, waiting.Status);
        Assert.Null(waiting.NextAttemptAt);
        Assert.Equal(3, Receiver.Requests.Count);
        Assert.Single(await AuditAsync(AuditActions.WebhookEndpointPaused));

        var resumed = await Endpoints.ResumeAsync(endpoint.Endpoint.Id, MerchantUser);
        await Host.DrainJobsAsync();

        Assert.True(resumed.Succeeded);
        Assert.Equal(WebhookEndpointState.Active, resumed.Value.State);
        Assert.Equal(0, resumed.Value.ConsecutiveFailures);
        var delivery = await DeliveryAsync(endpoint.Endpoint.Id);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(4, delivery.AttemptCount);
        Assert.Equal(4, Receiver.Requests.Count);
        Assert.Single(Receiver.Requests.Select(r => r.Id).Distinct());
    }

    [Fact]
    public async Task Disabling_a_paused_endpoint_skips_the_deliveries_that_waited()
    {
        var endpoint = await EndpointAsync();
        Receiver.Answer(500, 500, 500);
        await PublishAsync();
        await Host.DrainJobsAsync();

        var disabled = await Endpoints.UpdateAsync(endpoint.Endpoint.Id, new UpdateWebhookEndpoint(Enabled: false), MerchantUser);
        var enabled = await Endpoints.UpdateAsync(endpoint.Endpoint.Id, new UpdateWebhookEndpoint(Enabled: true), MerchantUser);
        await Host.DrainJobsAsync();

        Assert.Equal(WebhookEndpointState.Disabled, disabled.Value.State);
        Assert.Equal(WebhookEndpointState.Active, enabled.Value.State);
        Assert.Equal(0, enabled.Value.ConsecutiveFailures);
        Assert.Equal(WebhookDeliveryStatus.Skipped, (await DeliveryAsync(endpoint.Endpoint.Id)).Status);
        Assert.Equal(3, Receiver.Requests.Count);
    }

    [Fact]
    public async Task Only_a_paused_endpoint_can_be_resumed()
    {
        var endpoint = await EndpointAsync();

        var resumed = await Endpoints.ResumeAsync(endpoint.Endpoint.Id, MerchantUser);

        Assert.Equal(WebhookErrors.NotPaused.Code, resumed.Error?.Code);
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        var endpoint = await EndpointAsync();
        Receiver.Answer(500, 500);
        await PublishAsync();

        await Host.DrainJobsAsync();

        var reloaded = await ReloadAsync(endpoint.Endpoint.Id);
        Assert.Equal(WebhookEndpointState.Active, reloaded.State);
        Assert.Equal(0, reloaded.ConsecutiveFailures);
    }
}
