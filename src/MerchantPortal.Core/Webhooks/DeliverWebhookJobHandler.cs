using MerchantPortal.Data;
using MerchantPortal.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Webhooks;

/// <summary>
/// Runs the <see cref="JobTypes.DeliverWebhook"/> job: one attempt of a due delivery. It reads what to send, sends it
/// with no database connection open, then records the outcome and schedules the next attempt itself (the delivery
/// owns its schedule; a receiver's failure is not an error of the job). If the process dies after the request but
/// before the outcome is recorded, the job runs again and sends the same message, with the same <c>webhook-id</c>:
/// receivers are expected to ignore a message id they have seen.
/// </summary>
public sealed class DeliverWebhookJobHandler(
    IDbContextFactory<PortalDb> dbs, WebhookSecrets secrets, WebhookSender sender, WebhookAttemptRecorder recorder, TimeProvider clock)
    : IJobHandler
{
    public string JobType => JobTypes.DeliverWebhook;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        var deliveryId = Guid.Parse(payload);
        var sentAt = clock.GetUtcNow();
        if (await PrepareAsync(deliveryId, sentAt, ct) is not { } attempt)
        {
            return;
        }

        var result = await sender.SendAsync(attempt.Url, attempt.Message, ct);
        await recorder.RecordAsync(deliveryId, sentAt.UtcDateTime, result, ct);
    }

    /// <summary>The URL and the signed message if an attempt is due; settles deliveries of endpoints that are off.</summary>
    private async Task<(string Url, WebhookMessage Message)?> PrepareAsync(Guid deliveryId, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is null || !delivery.IsDue(now.UtcDateTime))
        {
            return null;
        }

        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == delivery.EndpointId, ct);
        switch (endpoint.State)
        {
            case WebhookEndpointState.Disabled:
                delivery.Skip();
                await db.SaveChangesAsync(ct);
                return null;
            case WebhookEndpointState.Paused:
                delivery.Wait();
                await db.SaveChangesAsync(ct);
                return null;
        }

        var integrationEvent = await db.IntegrationEvents.AsNoTracking().SingleAsync(e => e.Id == delivery.EventId, ct);
        string[] protectedSecrets = endpoint.ProtectedPreviousSecretAt(now.UtcDateTime) is { } previous
            ? [endpoint.ProtectedSecret, previous]
            : [endpoint.ProtectedSecret];
        var message = WebhookMessage.Create(delivery.MessageId, integrationEvent, now, protectedSecrets.Select(secrets.Unprotect));
        return (endpoint.Url, message);
    }
}
