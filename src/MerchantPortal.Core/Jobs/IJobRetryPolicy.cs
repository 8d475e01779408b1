namespace MerchantPortal.Jobs;

/// <summary>When a failed job runs again.</summary>
public interface IJobRetryPolicy
{
    /// <summary>How long to wait after the job failed its <paramref name="attempts"/>th attempt; <c>null</c> gives it up as failed.</summary>
    TimeSpan? NextDelay(int attempts);
}
