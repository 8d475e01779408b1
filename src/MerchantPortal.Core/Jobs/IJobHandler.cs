namespace MerchantPortal.Jobs;

/// <summary>Runs one type of outbox job. It may run more than once for the same job, so it must be idempotent.</summary>
public interface IJobHandler
{
    string JobType { get; }

    Task HandleAsync(string payload, CancellationToken ct);
}
