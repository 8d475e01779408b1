namespace MerchantPortal.Jobs;

/// <summary>The settings of one job type, under <c>Jobs:Types:&lt;type&gt;</c>.</summary>
public sealed class JobTypeOptions
{
    /// <summary>How many jobs of this type one instance runs at once.</summary>
    public int? Concurrency { get; set; }

    /// <summary>
    /// Delays before each retry (the first failure waits the first delay, and so on; exactly, without jitter);
    /// after the last the job is given up. Replaces the handler's own retry policy.
    /// </summary>
    public List<TimeSpan>? RetryDelays { get; set; }
}
