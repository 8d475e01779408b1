using MerchantPortal.Data;
using MerchantPortal.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Webhooks;

/// <summary>
/// Runs the <see cref="JobTypes.DispatchEvent"/> job: one delivery, and one <see cref="JobTypes.DeliverWebhook"/> job,
/// for each active endpoint of the event's merchant that subscribed to its type, written in one transaction.
/// Running it again adds only what is missing; the unique (event, endpoint) index stops a concurrent duplicate.
/// </summary>
public sealed class DispatchEventJobHandler(IDbContextFactory<PortalDb> dbs, JobQueue jobs, TimeProvider clock) : IJobHandler
{
    public string JobType => JobTypes.DispatchEvent;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        var eventId = Guid.Parse(payload);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var integrationEvent = await db.IntegrationEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (integrationEvent is null)
        {
            return;
        }

        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.MerchantId == integrationEvent.MerchantId && e.State == WebhookEndpointState.Active)
            .ToListAsync(ct);
        var served = await db.WebhookDeliveries.Where(d => d.EventId == eventId).Select(d => d.EndpointId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var endpoint in endpoints.Where(e => e.IsSubscribedTo(integrationEvent.Type) && !served.Contains(e.Id)))
        {
            var delivery = WebhookDelivery.Create(endpoint.Id, integrationEvent, now);
            db.WebhookDeliveries.Add(delivery);
            jobs.Enqueue(db, JobTypes.DeliverWebhook, delivery.Id.ToString());
        }

        await db.SaveChangesAsync(ct);
    }
}
