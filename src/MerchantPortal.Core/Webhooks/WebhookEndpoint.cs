using MerchantPortal.Common;

namespace MerchantPortal.Webhooks;

/// <summary>
/// A URL of a merchant's system that receives the events it subscribed to, signed with the endpoint's secret
/// (Standard Webhooks). The secret is stored protected by ASP.NET Data Protection and shown to the user only
/// when it is created or rotated; during a rotation the previous secret keeps signing until it expires.
/// </summary>
public sealed class WebhookEndpoint : IVersioned
{
    private WebhookEndpoint()
    {
    }

    public Guid Id { get; private set; }

    public Guid MerchantId { get; private set; }

    public string Url { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>The subscribed events, a subset of <see cref="Events.IntegrationEventTypes.Subscribable"/>.</summary>
    public List<string> EventTypes { get; private set; } = [];

    public WebhookEndpointState State { get; private set; }

    /// <summary>Why the endpoint is disabled, for the console; null unless <see cref="State"/> is disabled.</summary>
    public string? DisabledReason { get; private set; }

    /// <summary>Whether the endpoint is switched on (it may still be paused by the circuit breaker).</summary>
    public bool Enabled => State != WebhookEndpointState.Disabled;

    /// <summary>The signing secret (<c>whsec_…</c>), protected by Data Protection.</summary>
    public string ProtectedSecret { get; private set; } = "";

    /// <summary>The secret before the last rotation, protected, still signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? ProtectedPreviousSecret { get; private set; }

    public DateTime? PreviousSecretExpiresAt { get; private set; }

    /// <summary>Failed attempts since the last success; the circuit breaker pauses the endpoint at a configured count.</summary>
    public int ConsecutiveFailures { get; private set; }

    public DateTime? PausedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public long Version { get; private set; }

    public static WebhookEndpoint Create(
        Guid merchantId, string url, string? description, IEnumerable<string> eventTypes, string protectedSecret, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        MerchantId = merchantId,
        Url = url,
        Description = description,
        EventTypes = [.. eventTypes],
        State = WebhookEndpointState.Active,
        ProtectedSecret = protectedSecret,
        CreatedAt = now,
    };

    public bool IsSubscribedTo(string eventType) => EventTypes.Contains(eventType, StringComparer.Ordinal);

    public void Change(string url, string? description, IEnumerable<string> eventTypes)
    {
        Url = url;
        Description = description;
        EventTypes = [.. eventTypes];
    }

    /// <summary>Switches the endpoint on again; the failure count starts afresh.</summary>
    public void Enable()
    {
        State = WebhookEndpointState.Active;
        DisabledReason = null;
        ResetFailures();
    }

    public void Disable(string reason)
    {
        State = WebhookEndpointState.Disabled;
        DisabledReason = reason;
        PausedAt = null;
    }

    /// <summary>Closes the circuit breaker again after a pause.</summary>
    public void Resume()
    {
        if (State != WebhookEndpointState.Paused)
        {
            throw new InvalidOperationException($"Only a paused endpoint can be resumed; this one is {State}.");
        }

        State = WebhookEndpointState.Active;
        ResetFailures();
    }

    /// <summary>Signs with <paramref name="newProtectedSecret"/> from now on, and with the current secret too until <paramref name="previousValidUntil"/>.</summary>
    public void RotateSecret(string newProtectedSecret, DateTime previousValidUntil, DateTime now)
    {
        ProtectedPreviousSecret = previousValidUntil > now ? ProtectedSecret : null;
        PreviousSecretExpiresAt = previousValidUntil > now ? previousValidUntil : null;
        ProtectedSecret = newProtectedSecret;
    }

    /// <summary>The previous secret if it still signs at <paramref name="now"/>.</summary>
    public string? ProtectedPreviousSecretAt(DateTime now) => PreviousSecretExpiresAt > now ? ProtectedPreviousSecret : null;

    private void ResetFailures()
    {
        ConsecutiveFailures = 0;
        PausedAt = null;
    }
}
