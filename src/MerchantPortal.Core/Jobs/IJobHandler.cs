namespace MerchantPortal.Jobs;

/// <summary>Runs one type of outbox job. It may run more than once for the same job, so it must be idempotent.</summary>
public interface IJobHandler
{
    string JobType { get; }

    /// <summary>When a failed job of this type runs again; <c>null</c> for the default backoff (<see cref="ExponentialBackoff.Default"/>).</summary>
    IJobRetryPolicy? RetryPolicy => null;

    /// <summary>Runs the job; <paramref name="ct"/> is cancelled when the app stops or this worker lost the job's lease.</summary>
    Task HandleAsync(string payload, CancellationToken ct);
}
