using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Webhooks;

/// <summary>When a failed delivery is tried again: the configured schedule with ±10 % jitter, never earlier than a <c>Retry-After</c>.</summary>
public sealed class WebhookRetrySchedule(IOptions<WebhookOptions> options)
{
    /// <summary>When the next attempt is due after <paramref name="attemptCount"/> attempts failed, or null when none is left.</summary>
    public DateTime? NextAttemptAt(int attemptCount, DateTime now, RetryConditionHeaderValue? retryAfter)
    {
        var schedule = options.Value.EffectiveRetrySchedule;
        if (attemptCount < 1 || attemptCount > schedule.Count)
        {
            return null;
        }

        // Jitter spreads the retries of an outage's many deliveries instead of sending them all at once.
        var delay = schedule[attemptCount - 1] * (0.9 + (Random.Shared.NextDouble() * 0.2));
        var next = now + delay;
        var notBefore = retryAfter switch
        {
            { Delta: { } wait } => now + wait,
            { Date: { } date } => date.UtcDateTime,
            _ => next,
        };
        return notBefore > next ? notBefore : next;
    }
}
