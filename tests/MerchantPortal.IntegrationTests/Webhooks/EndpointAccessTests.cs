using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Events;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using MerchantPortal.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Webhooks;

public sealed class EndpointAccessTests : WebhookTest
{
    [Fact]
    public async Task Another_merchants_user_or_key_finds_nothing_on_any_method()
    {
        var endpoint = await EndpointAsync();
        await PublishAsync();
        await Host.DrainJobsAsync();
        var delivery = await DeliveryAsync(endpoint.Endpoint.Id);
        var other = await Host.Catalog.MerchantAsync();
        Actor[] outsiders =
        [
            TestActors.MerchantUser(other.Id),
            Actor.ApiKey("key_other", "Other shop key", other.Id, new HashSet<string> { Scopes.WebhooksWrite }),
        ];

        foreach (var actor in outsiders)
        {
            var id = endpoint.Endpoint.Id;
            AssertNotFound((await Endpoints.CreateAsync(new CreateWebhookEndpoint(Merchant.Id, Receiver.Url, null, [IntegrationEventTypes.OrderCreated]), actor)).Error);
            AssertNotFound((await Endpoints.ListAsync(Merchant.Id, actor)).Error);
            AssertNotFound((await Endpoints.GetAsync(id, actor)).Error);
            AssertNotFound((await Endpoints.UpdateAsync(id, new UpdateWebhookEndpoint(Enabled: false), actor)).Error);
            AssertNotFound((await Endpoints.RotateSecretAsync(id, null, actor)).Error);
            AssertNotFound((await Endpoints.ResumeAsync(id, actor)).Error);
            AssertNotFound((await Endpoints.DeleteAsync(id, actor)).Error);
            AssertNotFound((await Deliveries.SendTestAsync(id, actor)).Error);
            AssertNotFound((await Deliveries.ResendAsync(delivery.Id, actor)).Error);
            AssertNotFound((await Deliveries.ListAsync(Merchant.Id, new WebhookDeliveryQuery(), actor)).Error);
        }

        var unchanged = await ReloadAsync(endpoint.Endpoint.Id);
        Assert.True(unchanged.Enabled);
        Assert.Null(unchanged.PreviousSecretExpiresAt);
        Assert.Single(Receiver.Requests);
    }

    [Fact]
    public async Task An_api_key_without_the_webhooks_scope_is_forbidden()
    {
        var endpoint = await EndpointAsync();
        var key = Actor.ApiKey("key_orders", "Orders key", Merchant.Id, new HashSet<string> { Scopes.OrdersRead, Scopes.OrdersWrite });

        var created = await Endpoints.CreateAsync(new CreateWebhookEndpoint(Merchant.Id, Receiver.Url, null, [IntegrationEventTypes.OrderCreated]), key);
        var listed = await Endpoints.ListAsync(Merchant.Id, key);
        var deleted = await Endpoints.DeleteAsync(endpoint.Endpoint.Id, key);

        Assert.Equal(ErrorKind.Forbidden, created.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, listed.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, deleted.Error?.Kind);
        Assert.True((await Endpoints.GetAsync(endpoint.Endpoint.Id, MerchantUser)).Succeeded);
    }

    [Fact]
    public async Task An_api_key_with_the_scope_manages_its_own_merchants_endpoints()
    {
        var key = Actor.ApiKey("key_hooks", "Hooks key", Merchant.Id, new HashSet<string> { Scopes.WebhooksWrite });

        var created = await Endpoints.CreateAsync(new CreateWebhookEndpoint(Merchant.Id, Receiver.Url, null, [IntegrationEventTypes.OrderCreated]), key);
        var listed = await Endpoints.ListAsync(Merchant.Id, key);

        Assert.True(created.Succeeded);
        Assert.Equal(created.Value.Endpoint.Id, Assert.Single(listed.Value).Id);
    }

    [Fact]
    public async Task Support_may_look_but_not_change()
    {
        var endpoint = await EndpointAsync();

        var listed = await Endpoints.ListAsync(Merchant.Id, TestActors.Support);
        var updated = await Endpoints.UpdateAsync(endpoint.Endpoint.Id, new UpdateWebhookEndpoint(Enabled: false), TestActors.Support);
        var deliveries = await Deliveries.ListAsync(Merchant.Id, new WebhookDeliveryQuery(), TestActors.Support);

        Assert.Single(listed.Value);
        Assert.True(deliveries.Succeeded);
        Assert.Equal(ErrorKind.Forbidden, updated.Error?.Kind);
    }

    [Fact]
    public async Task Invalid_input_returns_every_field_error_and_changes_nothing()
    {
        var endpoint = await EndpointAsync();

        var created = await Endpoints.CreateAsync(
            new CreateWebhookEndpoint(Merchant.Id, "ftp://hooks.example.com/in", null, ["order.created", "order.exploded"]), MerchantUser);
        var withCredentials = await Endpoints.CreateAsync(
            new CreateWebhookEndpoint(Merchant.Id, "https://user:pass@hooks.example.com/in", null, []), MerchantUser);
        var updated = await Endpoints.UpdateAsync(
            endpoint.Endpoint.Id, new UpdateWebhookEndpoint(Url: "not a url", EventTypes: ["order.exploded"]), MerchantUser);

        Assert.Equal(ErrorKind.Validation, created.Error!.Kind);
        Assert.Equal(
            [("url", WebhookErrors.UrlInvalid.Code), ("enabled_events", "WEBHOOK_EVENT_UNKNOWN")],
            created.Error.Errors.Select(e => (e.Field!, e.Code)));
        Assert.Equal(
            [("url", WebhookErrors.UrlHasCredentials.Code), ("enabled_events", WebhookErrors.EventsRequired.Code)],
            withCredentials.Error!.Errors.Select(e => (e.Field!, e.Code)));
        Assert.Equal(["url", "enabled_events"], updated.Error!.Errors.Select(e => e.Field!));

        var unchanged = Assert.Single((await Endpoints.ListAsync(Merchant.Id, MerchantUser)).Value);
        Assert.Equal(Receiver.Url, unchanged.Url);
        Assert.Equal([IntegrationEventTypes.OrderCompleted], unchanged.EventTypes);
        Assert.Empty(await AuditAsync(AuditActions.WebhookEndpointUpdated));
    }

    [Fact]
    public async Task Changes_are_audited_and_delete_removes_the_deliveries()
    {
        var endpoint = await EndpointAsync();
        await PublishAsync();
        await Host.DrainJobsAsync();

        var disabled = await Endpoints.UpdateAsync(endpoint.Endpoint.Id,
            new UpdateWebhookEndpoint(Description: "Renamed", EventTypes: [IntegrationEventTypes.OrderFailed], Enabled: false), MerchantUser);
        var deleted = await Endpoints.DeleteAsync(endpoint.Endpoint.Id, MerchantUser);

        Assert.Equal(WebhookEndpointState.Disabled, disabled.Value.State);
        Assert.Equal("Renamed", disabled.Value.Description);
        Assert.True(deleted.Succeeded);
        Assert.Equal(ErrorKind.NotFound, (await Endpoints.GetAsync(endpoint.Endpoint.Id, MerchantUser)).Error?.Kind);
        Assert.Empty((await Deliveries.ListAsync(Merchant.Id, new WebhookDeliveryQuery(), MerchantUser)).Value.Items);
        Assert.Single(await AuditAsync(AuditActions.WebhookEndpointCreated));
        Assert.Single(await AuditAsync(AuditActions.WebhookEndpointUpdated));
        Assert.Single(await AuditAsync(AuditActions.WebhookEndpointDeleted));
        await using var db = await OpenDbAsync();
        Assert.Equal(0, await db.WebhookAttempts.CountAsync());
    }

    private static void AssertNotFound(Error? error) => Assert.Equal(ErrorKind.NotFound, error?.Kind);
}
