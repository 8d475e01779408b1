namespace MerchantPortal.Jobs;

/// <summary>The <c>Jobs</c> configuration section: how background workers poll, lease and retry.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Run the background worker in this instance (turn off for a web-only instance).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How often an idle worker looks for due jobs (new jobs in this instance wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claimed job belongs to its worker before another may take it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before a job is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How many jobs one pass claims.</summary>
    public int BatchSize { get; set; } = 10;
}
