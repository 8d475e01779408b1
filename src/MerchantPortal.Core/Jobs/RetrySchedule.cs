namespace MerchantPortal.Jobs;

/// <summary>
/// A fixed list of delays: the nth failure waits the nth delay, moved by up to ± <c>jitter</c> of itself so that
/// jobs that failed together (an endpoint that was down) do not all retry at the same moment. After the last
/// delay the job is given up.
/// </summary>
public sealed class RetrySchedule(IReadOnlyList<TimeSpan> delays, double jitter = 0) : IJobRetryPolicy
{
    /// <summary>
    /// Webhook deliveries, as the big providers do it: retried for about three days — 5 s, 5 min, 30 min, 2 h,
    /// 5 h, then every 10 h — with 10 % jitter.
    /// </summary>
    public static RetrySchedule WebhookDeliveries { get; } = new(
        [
            TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
            .. Enumerable.Repeat(TimeSpan.FromHours(10), 7),
        ],
        jitter: 0.1);

    public IReadOnlyList<TimeSpan> Delays => delays;

    /// <summary>The first attempt and one retry per delay.</summary>
    public int MaxAttempts => delays.Count + 1;

    public TimeSpan? NextDelay(int attempts)
    {
        if (attempts < 1 || attempts > delays.Count)
        {
            return null;
        }

        var delay = delays[attempts - 1];
        // Spreading retries needs no secure randomness.
#pragma warning disable CA5394
        return jitter <= 0 ? delay : delay * (1 + (jitter * ((2 * Random.Shared.NextDouble()) - 1)));
#pragma warning restore CA5394
    }
}
