using System.Runtime.CompilerServices;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using MerchantPortal.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Events;

/// <summary>
/// Writes the integration events that tracked orders raised into the same <c>SaveChanges</c> as the change:
/// one <see cref="IntegrationEvent"/> row (with the order's snapshot, taken once per order and save) and, when the
/// order's merchant has an active webhook endpoint, one <see cref="JobTypes.DispatchEvent"/> job per event (the
/// dispatcher serves the endpoints active when it runs, so without one there is nothing to run: most merchants
/// have none, and the job would cost the writer two writes per event). Event, job and change commit or roll back together, so
/// no transition can forget to publish and nothing is published that did not happen. A new order is snapshotted
/// just after its rows are inserted, inside the caller's transaction, so the payload carries the line ids the
/// database gave them.
/// </summary>
public sealed class IntegrationEventInterceptor(IServiceProvider services, JobQueue jobs, TimeProvider clock) : SaveChangesInterceptor
{
    // Whether a merchant has an active endpoint, asked once per merchant and transaction: the write queue's batch
    // saves many orders in one transaction, and a transaction sees the endpoints as they were when it asked.
    private readonly ConditionalWeakTable<IDbContextTransaction, Dictionary<Guid, bool>> _listeningInTransaction = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDb db)
        {
            // Without a transaction of the caller's there is no "just after" that commits together: snapshot now.
            var deferNewOrders = db.Database.CurrentTransaction is not null;
            await WriteEventsAsync(db, Raising(db).Where(o => !deferNewOrders || db.Entry(o).State != EntityState.Added).ToList(), cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDb db && Raising(db).ToList() is { Count: > 0 } inserted)
        {
            await WriteEventsAsync(db, inserted, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
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

    private async Task WriteEventsAsync(PortalDb db, IReadOnlyList<Order> orders, CancellationToken ct)
    {
        var listening = db.Database.CurrentTransaction is { } transaction
            ? _listeningInTransaction.GetValue(transaction, _ => [])
            : [];
        foreach (var order in orders)
        {
            var payload = await Snapshotter().SnapshotAsync(db, order, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (!listening.TryGetValue(order.MerchantId, out var dispatch))
            {
                dispatch = listening[order.MerchantId] = await db.WebhookEndpoints
                    .AnyAsync(e => e.MerchantId == order.MerchantId && e.State == WebhookEndpointState.Active, ct);
            }

            foreach (var type in order.PendingIntegrationEvents)
            {
                var integrationEvent = IntegrationEvent.Create(type, order.MerchantId, order.Id, payload, now);
                db.IntegrationEvents.Add(integrationEvent);
                if (dispatch)
                {
                    jobs.Enqueue(db, JobTypes.DispatchEvent, integrationEvent.Id.ToString());
                }
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
