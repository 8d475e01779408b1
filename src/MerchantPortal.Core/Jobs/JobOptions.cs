namespace MerchantPortal.Jobs;

/// <summary>The <c>Jobs</c> configuration section: how background workers poll, lease and retry.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Jobs of one type that run at once in one instance, unless <see cref="Types"/> says otherwise.</summary>
    public const int DefaultConcurrency = 2;

    /// <summary>Run the background worker in this instance (turn off for a web-only instance).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How often an idle worker looks for due jobs (new jobs in this instance wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a claimed job belongs to its worker before another may take it over; renewed every third of it while
    /// the job runs. Short, so a crashed instance's jobs (and the stock they hold back) resume within seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Attempts before a job is given up as failed, for job types without a retry policy of their own.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Settings per job type (<c>Jobs:Types:&lt;type&gt;:…</c>), e.g. <c>Jobs:Types:deliver_webhook:Concurrency</c>.</summary>
    public Dictionary<string, JobTypeOptions> Types { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many jobs of the type one instance runs at once: configured, else fulfilment 32, webhook deliveries 8, others 2.</summary>
    public int ConcurrencyOf(string type) =>
        Types.TryGetValue(type, out var configured) && configured.Concurrency is > 0 and var concurrency
            ? concurrency
            : type switch
            {
                JobTypes.FulfilOrder => 32,
                JobTypes.DeliverWebhook => 8,
                _ => DefaultConcurrency,
            };

    /// <summary>The retry schedule configured for the type, if any; it takes precedence over the handler's own policy.</summary>
    public IJobRetryPolicy? ConfiguredRetryPolicyOf(string type) =>
        Types.TryGetValue(type, out var configured) && configured.RetryDelays is { Count: > 0 } delays ? new RetrySchedule(delays) : null;
}
