using MerchantPortal.Events;

namespace MerchantPortal.Webhooks;

/// <summary>
/// One event on its way to one endpoint. Every attempt — the scheduled retries and any resend — carries the same
/// <see cref="MessageId"/> (the <c>webhook-id</c> header), so receivers can ignore one they have processed already.
/// </summary>
public sealed class WebhookDelivery
{
    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid EndpointId { get; private set; }

    public Guid EventId { get; private set; }

    public string EventType { get; private set; } = "";

    /// <summary>The <c>webhook-id</c> of every attempt: <c>msg_</c> and the event id.</summary>
    public string MessageId { get; private set; } = "";

    public WebhookDeliveryStatus Status { get; private set; }

    public int AttemptCount { get; private set; }

    /// <summary>When the next attempt is due; null when none is (finished, or waiting for a paused endpoint).</summary>
    public DateTime? NextAttemptAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    public static WebhookDelivery Create(Guid endpointId, IntegrationEvent integrationEvent, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EndpointId = endpointId,
        EventId = integrationEvent.Id,
        EventType = integrationEvent.Type,
        MessageId = MessageIdOf(integrationEvent.Id),
        Status = WebhookDeliveryStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    public static string MessageIdOf(Guid eventId) => $"msg_{eventId:N}";

    /// <summary>Whether an attempt is due at <paramref name="now"/>; a job left over from an earlier schedule is not.</summary>
    public bool IsDue(DateTime now) => Status == WebhookDeliveryStatus.Pending && NextAttemptAt <= now;

    public void Attempted(DateTime at)
    {
        AttemptCount++;
        LastAttemptAt = at;
    }

    public void Succeed() => Finish(WebhookDeliveryStatus.Succeeded);

    public void Fail() => Finish(WebhookDeliveryStatus.Failed);

    public void Skip() => Finish(WebhookDeliveryStatus.Skipped);

    public void RetryAt(DateTime at) => NextAttemptAt = at;

    /// <summary>Holds the delivery until its paused endpoint is resumed.</summary>
    public void Wait() => NextAttemptAt = null;

    /// <summary>Asks for one more attempt now, whatever the outcome so far.</summary>
    public void Resend(DateTime now)
    {
        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now;
    }

    private void Finish(WebhookDeliveryStatus status)
    {
        Status = status;
        NextAttemptAt = null;
    }
}
