namespace MerchantPortal.Jobs;

/// <summary>
/// Thrown by a handler that knows when to try again, e.g. an HTTP 429 or 503 with <c>Retry-After</c>: the job runs
/// again after <see cref="After"/> instead of its policy's next delay. It still counts as an attempt, so the policy
/// still decides when to give up.
/// </summary>
public sealed class JobRetryException(TimeSpan after, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public TimeSpan After { get; } = after < TimeSpan.Zero ? TimeSpan.Zero : after;
}
