using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Events;

/// <summary>
/// Writes the integration events that tracked orders raised into the same <c>SaveChanges</c> as the change:
/// one <see cref="IntegrationEvent"/> row (with the order's snapshot, taken once per order and save) and one
/// <see cref="JobTypes.DispatchEvent"/> job per event. Event, job and change commit or roll back together, so
/// no transition can forget to publish and nothing is published that did not happen.
/// </summary>
public sealed class IntegrationEventInterceptor(IServiceProvider services, JobQueue jobs, TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDb db)
        {
            await WriteEventsAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // Only Data Protection saves synchronously, and never an order: the snapshot is read asynchronously.
        if (eventData.Context is PortalDb db && Raising(db).Any())
        {
            throw new InvalidOperationException("Orders that raised integration events must be saved with SaveChangesAsync.");
        }

        return result;
    }

    private async Task WriteEventsAsync(PortalDb db, CancellationToken ct)
    {
        foreach (var order in Raising(db).ToList())
        {
            var payload = await Snapshotter().SnapshotAsync(db, order, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var type in order.PendingIntegrationEvents)
            {
                var integrationEvent = IntegrationEvent.Create(type, order.MerchantId, order.Id, payload, now);
                db.IntegrationEvents.Add(integrationEvent);
                jobs.Enqueue(db, JobTypes.DispatchEvent, integrationEvent.Id.ToString());
            }

            order.ClearIntegrationEvents();
        }
    }

    private static IEnumerable<Order> Raising(PortalDb db) =>
        db.ChangeTracker.Entries<Order>().Select(e => e.Entity).Where(o => o.PendingIntegrationEvents.Count > 0);

    // Resolved when first needed, not injected: a snapshotter may use services that need the DbContext factory,
    // whose options hold this interceptor.
    private IOrderSnapshotter Snapshotter() => services.GetService<IOrderSnapshotter>()
        ?? throw new InvalidOperationException(
            $"An order raised integration events, but no {nameof(IOrderSnapshotter)} is registered to render their payload.");
}
