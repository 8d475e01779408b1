using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Webhooks;

/// <summary>
/// Records an attempt and what follows from it, in one transaction: the attempt row, the delivery's new status or
/// next attempt (with its job), and the endpoint's health — failures reset on success, the circuit breaker opened
/// after too many failures in a row, the endpoint disabled on <c>410 Gone</c>.
/// </summary>
/// <remarks>
/// The endpoint is changed with conditional updates rather than through the tracked entity: many deliveries to one
/// endpoint finish at once, and a counter read, incremented and saved would lose updates or conflict with a user's edit.
/// </remarks>
public sealed class WebhookAttemptRecorder(
    IDbContextFactory<PortalDb> dbs,
    WebhookRetrySchedule retries,
    JobQueue jobs,
    AuditTrail audit,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookAttemptRecorder> logger)
{
    public async Task RecordAsync(Guid deliveryId, DateTime attemptedAt, WebhookSendResult result, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == deliveryId, ct);
        var endpoint = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.Id == delivery.EndpointId)
            .Select(e => new { e.Id, e.MerchantId, e.Url })
            .SingleAsync(ct);
        delivery.Attempted(attemptedAt);
        db.WebhookAttempts.Add(WebhookAttempt.Record(
            deliveryId, attemptedAt, result.StatusCode, result.Duration, result.ResponseExcerpt, result.Error));
        var now = clock.GetUtcNow().UtcDateTime;

        if (result.Succeeded)
        {
            delivery.Succeed();
            await db.WebhookEndpoints.Where(e => e.Id == endpoint.Id && e.ConsecutiveFailures != 0)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, 0), ct);
        }
        else if (result.Gone)
        {
            delivery.Fail();
            var disabled = await db.WebhookEndpoints.Where(e => e.Id == endpoint.Id && e.State != WebhookEndpointState.Disabled)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.State, WebhookEndpointState.Disabled)
                    .SetProperty(e => e.DisabledReason, "The receiver answered 410 Gone.")
                    .SetProperty(e => e.PausedAt, (DateTime?)null)
                    .SetProperty(e => e.Version, e => e.Version + 1), ct);
            if (disabled == 1)
            {
                audit.Record(db, Actor.System, AuditActions.WebhookEndpointDisabled, "webhook_endpoint", endpoint.Id.ToString(),
                    $"Disabled the webhook endpoint {endpoint.Url}: it answered 410 Gone", endpoint.MerchantId);
            }
        }
        else if (await CountFailureAsync(db, endpoint.Id, endpoint.MerchantId, endpoint.Url, now, ct))
        {
            delivery.Wait();
        }
        else if (retries.NextAttemptAt(delivery.AttemptCount, now, result.RetryAfter) is { } next)
        {
            delivery.RetryAt(next);
            jobs.Enqueue(db, JobTypes.DeliverWebhook, deliveryId.ToString(), next);
        }
        else
        {
            delivery.Fail();
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Webhook delivery {DeliveryId} attempt {Attempt}: {Status} → {Outcome}.",
            deliveryId, delivery.AttemptCount, result.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? result.Error,
            delivery.Status);
    }

    /// <summary>Counts a failed attempt; returns whether the endpoint is paused now (by this failure or an earlier one).</summary>
    private async Task<bool> CountFailureAsync(PortalDb db, Guid endpointId, Guid merchantId, string url, DateTime now, CancellationToken ct)
    {
        await db.WebhookEndpoints.Where(e => e.Id == endpointId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, e => e.ConsecutiveFailures + 1), ct);
        var limit = options.Value.PauseAfterConsecutiveFailures;
        var paused = await db.WebhookEndpoints
            .Where(e => e.Id == endpointId && e.State == WebhookEndpointState.Active && e.ConsecutiveFailures >= limit)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, WebhookEndpointState.Paused)
                .SetProperty(e => e.PausedAt, now)
                .SetProperty(e => e.Version, e => e.Version + 1), ct);
        if (paused == 1)
        {
            audit.Record(db, Actor.System, AuditActions.WebhookEndpointPaused, "webhook_endpoint", endpointId.ToString(),
                $"Paused the webhook endpoint {url} after {limit} failed attempts in a row", merchantId);
            return true;
        }

        return await db.WebhookEndpoints.AnyAsync(e => e.Id == endpointId && e.State == WebhookEndpointState.Paused, ct);
    }
}
