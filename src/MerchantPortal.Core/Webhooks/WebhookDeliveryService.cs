using System.Text.Json;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Events;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Webhooks;

/// <summary>
/// The delivery console's operations: the deliveries of a merchant's endpoints with every attempt, a test event
/// to one endpoint, and resending a delivery. Merchant and capability are enforced as in <see cref="WebhookEndpointService"/>.
/// </summary>
public sealed class WebhookDeliveryService(IDbContextFactory<PortalDb> dbs, JobQueue jobs, AuditTrail audit, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>A page of the merchant's deliveries, newest first, each with its attempts.</summary>
    public async Task<Result<Page<WebhookDeliveryView>>> ListAsync(
        Guid merchantId, WebhookDeliveryQuery query, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ViewWebhooks))
        {
            return WebhookErrors.NotAllowed;
        }

        if (!actor.MaySee(merchantId))
        {
            return WebhookErrors.MerchantNotFound;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpointIds = db.WebhookEndpoints.Where(e => e.MerchantId == merchantId).Select(e => e.Id);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => endpointIds.Contains(d.EndpointId));
        if (query.EndpointId is { } endpointId)
        {
            deliveries = deliveries.Where(d => d.EndpointId == endpointId);
        }

        if (query.Status is { } status)
        {
            deliveries = deliveries.Where(d => d.Status == status);
        }

        var total = await deliveries.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = await deliveries
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize)
            .ToListAsync(ct);
        var views = await ViewsAsync(db, page, ct);
        return new Page<WebhookDeliveryView>(views, total);
    }

    /// <summary>Sends a <see cref="IntegrationEventTypes.Test"/> event to this endpoint only, whatever it subscribed to.</summary>
    public async Task<Result<WebhookDeliveryView>> SendTestAsync(Guid endpointId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageWebhooks))
        {
            return WebhookErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoint = await WebhookEndpointService.FindAsync(db, endpointId, actor, ct);
        if (endpoint is null)
        {
            return WebhookErrors.EndpointNotFound;
        }

        if (endpoint.State != WebhookEndpointState.Active)
        {
            return WebhookErrors.NotActive;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var payload = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["endpoint_id"] = endpoint.Id.ToString(),
            ["message"] = "A test event from Merchant Portal.",
        });
        var testEvent = IntegrationEvent.Create(IntegrationEventTypes.Test, endpoint.MerchantId, null, payload, now);
        var delivery = WebhookDelivery.Create(endpoint.Id, testEvent, now);
        db.IntegrationEvents.Add(testEvent);
        db.WebhookDeliveries.Add(delivery);
        jobs.Enqueue(db, JobTypes.DeliverWebhook, delivery.Id.ToString());
        audit.Record(db, actor, AuditActions.WebhookTestSent, "webhook_endpoint", endpoint.Id.ToString(),
            $"Sent a test event to {endpoint.Url}", endpoint.MerchantId);
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync(db, [delivery], ct))[0];
    }

    /// <summary>Queues one more attempt of a delivery now, with the same <c>webhook-id</c>; the endpoint must be active.</summary>
    public async Task<Result<WebhookDeliveryView>> ResendAsync(Guid deliveryId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageWebhooks))
        {
            return WebhookErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, ct);
        var endpoint = delivery is null ? null : await WebhookEndpointService.FindAsync(db, delivery.EndpointId, actor, ct);
        if (delivery is null || endpoint is null)
        {
            return WebhookErrors.DeliveryNotFound;
        }

        if (endpoint.State != WebhookEndpointState.Active)
        {
            return WebhookErrors.NotActive;
        }

        delivery.Resend(clock.GetUtcNow().UtcDateTime);
        jobs.Enqueue(db, JobTypes.DeliverWebhook, delivery.Id.ToString());
        audit.Record(db, actor, AuditActions.WebhookDeliveryResent, "webhook_delivery", delivery.Id.ToString(),
            $"Resent {delivery.EventType} ({delivery.MessageId}) to {endpoint.Url}", endpoint.MerchantId);
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync(db, [delivery], ct))[0];
    }

    private static async Task<IReadOnlyList<WebhookDeliveryView>> ViewsAsync(PortalDb db, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken ct)
    {
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking()
                .Where(a => ids.Contains(a.DeliveryId))
                .OrderBy(a => a.Id)
                .ToListAsync(ct))
            .ToLookup(a => a.DeliveryId);
        return
        [
            .. deliveries.Select(d => new WebhookDeliveryView(
                d.Id, d.EndpointId, d.EventId, d.EventType, d.MessageId, d.Status, d.AttemptCount, d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt,
                [.. attempts[d.Id].Select(a => new WebhookAttemptView(a.At, a.StatusCode, a.DurationMs, a.ResponseExcerpt, a.Error))])),
        ];
    }
}
