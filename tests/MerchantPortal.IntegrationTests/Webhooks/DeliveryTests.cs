using System.Text.Json;
using MerchantPortal.Auditing;
using MerchantPortal.Events;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using MerchantPortal.Webhooks;

namespace MerchantPortal.IntegrationTests.Webhooks;

public sealed class DeliveryTests : WebhookTest
{
    [Fact]
    public async Task An_event_is_delivered_once_to_each_subscribed_endpoint_signed_per_the_spec()
    {
        var endpoint = await EndpointAsync(IntegrationEventTypes.OrderCompleted);
        var other = await EndpointAsync(IntegrationEventTypes.OrderFailed);
        var published = await PublishAsync();

        await Host.DrainJobsAsync();
        await DispatchAgainAsync(published);
        await Host.DrainJobsAsync();

        var request = Assert.Single(Receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"msg_{published.Id:N}", request.Id);
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Timestamp);
        Assert.True(SpecSignature.IsSignedWith(request, endpoint.Secret));
        Assert.Single(request.Signatures);
        Assert.StartsWith("application/json", request.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal(WebhookSender.UserAgent, request.Headers["user-agent"]);

        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("order.completed", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(published.OccurredAt, body.RootElement.GetProperty("timestamp").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("data").ValueKind);
        Assert.Equal("MP-000123", body.RootElement.GetProperty("data").GetProperty("number").GetString());

        var delivery = await DeliveryAsync(endpoint.Endpoint.Id);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(200, Assert.Single(delivery.Attempts).StatusCode);
        Assert.Equal("answered 200", delivery.Attempts[0].ResponseExcerpt);
        Assert.Empty((await Deliveries.ListAsync(Merchant.Id, new WebhookDeliveryQuery(other.Endpoint.Id), MerchantUser)).Value.Items);
    }

    [Fact]
    public async Task A_server_error_is_retried_with_the_same_webhook_id_until_it_succeeds()
    {
        var endpoint = await EndpointAsync();
        Receiver.Answer(500);
        await PublishAsync();

        await Host.DrainJobsAsync();

        var requests = Receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Id, requests[1].Id);
        Assert.All(requests, r => Assert.True(SpecSignature.IsSignedWith(r, endpoint.Secret)));
        var delivery = await DeliveryAsync(endpoint.Endpoint.Id);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal([500, 200], delivery.Attempts.Select(a => a.StatusCode!.Value));
        Assert.Equal(0, (await ReloadAsync(endpoint.Endpoint.Id)).ConsecutiveFailures);
    }

    [Fact]
    public async Task A_delivery_fails_after_the_last_scheduled_attempt()
    {
        var endpoint = await EndpointAsync();
        Receiver.Answer(500, 502, 503, 504, 500);
        await PublishAsync();

        await Host.DrainJobsAsync();

        // The first attempt and one for each of the three retries in the test schedule.
        var delivery = await DeliveryAsync(endpoint.Endpoint.Id);
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(4, delivery.AttemptCount);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(4, Receiver.Requests.Count);
    }

    [Fact]
    public async Task Gone_disables_the_endpoint_without_a_retry()
    {
        var endpoint = await EndpointAsync();
        Receiver.Answer(410);
        await PublishAsync();

        await Host.DrainJobsAsync();
        await PublishAsync();
        await Host.DrainJobsAsync();

        Assert.Single(Receiver.Requests);
        var delivery = await DeliveryAsync(endpoint.Endpoint.Id);
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        var reloaded = await ReloadAsync(endpoint.Endpoint.Id);
        Assert.Equal(WebhookEndpointState.Disabled, reloaded.State);
        Assert.False(reloaded.Enabled);
        var audit = Assert.Single(await AuditAsync(AuditActions.WebhookEndpointDisabled));
        Assert.Equal(ActorKind.System, audit.ActorKind);
    }

    [Fact]
    public async Task Too_many_requests_waits_for_retry_after()
    {
        var endpoint = await EndpointAsync();
        Receiver.AnswerTooManyRequests("120");
        await PublishAsync();

        await Host.DrainJobsAsync();
        var waiting = await DeliveryAsync(endpoint.Endpoint.Id);
        Clock.Advance(TimeSpan.FromSeconds(119));
        await Host.DrainJobsAsync();
        var stillOne = Receiver.Requests.Count;
        Clock.Advance(TimeSpan.FromSeconds(2));
        await Host.DrainJobsAsync();

        Assert.Equal(WebhookDeliveryStatus.Pending, waiting.Status);
        Assert.True(waiting.NextAttemptAt >= waiting.LastAttemptAt!.Value.AddSeconds(120));
        Assert.Equal(1, stillOne);
        Assert.Equal(2, Receiver.Requests.Count);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, (await DeliveryAsync(endpoint.Endpoint.Id)).Status);
    }

    [Fact]
    public async Task Too_many_requests_with_a_date_waits_until_that_date()
    {
        var endpoint = await EndpointAsync();
        var until = Clock.GetUtcNow().AddMinutes(10);
        Receiver.AnswerTooManyRequests(until.ToString("R"));
        await PublishAsync();

        await Host.DrainJobsAsync();

        var waiting = await DeliveryAsync(endpoint.Endpoint.Id);
        Assert.True(waiting.NextAttemptAt >= until.UtcDateTime.AddSeconds(-1));
        Assert.Single(Receiver.Requests);
    }

    [Fact]
    public async Task Resend_makes_a_new_attempt_with_the_same_webhook_id()
    {
        var endpoint = await EndpointAsync();
        await PublishAsync();
        await Host.DrainJobsAsync();
        var delivered = await DeliveryAsync(endpoint.Endpoint.Id);

        var resent = await Deliveries.ResendAsync(delivered.Id, MerchantUser);
        await Host.DrainJobsAsync();

        Assert.True(resent.Succeeded);
        var requests = Receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Id, requests[1].Id);
        var delivery = await DeliveryAsync(endpoint.Endpoint.Id);
        Assert.Equal(2, delivery.Attempts.Count);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        Assert.Single(await AuditAsync(AuditActions.WebhookDeliveryResent));
    }

    [Fact]
    public async Task A_test_event_goes_to_that_endpoint_only()
    {
        var endpoint = await EndpointAsync();
        await EndpointAsync();

        var test = await Deliveries.SendTestAsync(endpoint.Endpoint.Id, MerchantUser);
        await Host.DrainJobsAsync();

        Assert.True(test.Succeeded);
        var request = Assert.Single(Receiver.Requests);
        Assert.Equal(IntegrationEventTypes.Test, JsonDocument.Parse(request.Body).RootElement.GetProperty("type").GetString());
        Assert.True(SpecSignature.IsSignedWith(request, endpoint.Secret));
    }

    [Fact]
    public async Task The_delivered_data_is_the_event_snapshot_and_carries_no_codes()
    {
        await EndpointAsync();
        var orders = new TestOrders(Host.Services);
        await orders.FundAsync(Merchant.Id, 100m);
        var key = await Host.Catalog.KeyItemAsync();
        var codes = await Host.Catalog.AddCodesAsync(key.Id, 2);
        var order = (await orders.PlaceKeyOrderAsync(Merchant.Id, key.Id, quantity: 2)).Order;
        await Host.DrainJobsAsync();
        // What the order snapshot carries: the order as the API shows it, its codes left out.
        var snapshot = JsonSerializer.Serialize(new
        {
            id = order.Id,
            number = Order.FormatReference(order.Number),
            status = "completed",
            lines = new[] { new { quantity = 2, delivered_quantity = 2 } },
        });

        await PublishAsync(payload: snapshot);
        await Host.DrainJobsAsync();

        // The order's own events (order.completed) are delivered too; none of the bodies carries a code.
        Assert.Single(Receiver.Requests, r => DataOf(r.Body) == snapshot);
        Assert.All(Receiver.Requests, r => Assert.All(codes, code => Assert.DoesNotContain(code, r.Body, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(2, Receiver.Requests.Count);
    }

    private static string DataOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data").GetRawText();
    }
}
