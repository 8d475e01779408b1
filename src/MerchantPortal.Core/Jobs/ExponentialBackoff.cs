namespace MerchantPortal.Jobs;

/// <summary>Delays that double from <see cref="First"/> up to <see cref="Max"/>, for <see cref="MaxAttempts"/> attempts in all.</summary>
public sealed record ExponentialBackoff(TimeSpan First, TimeSpan Max, int MaxAttempts) : IJobRetryPolicy
{
    /// <summary>The policy of job types without their own: 5 s, 10 s, 20 s … up to 10 minutes.</summary>
    public static ExponentialBackoff Default(int maxAttempts) => new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), maxAttempts);

    public TimeSpan? NextDelay(int attempts) => attempts >= MaxAttempts
        ? null
        : TimeSpan.FromTicks((long)Math.Min(Max.Ticks, First.Ticks * Math.Pow(2, Math.Max(0, attempts - 1))));
}
