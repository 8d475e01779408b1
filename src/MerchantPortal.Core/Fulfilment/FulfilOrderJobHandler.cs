using MerchantPortal.Jobs;

namespace MerchantPortal.Fulfilment;

/// <summary>Runs the <see cref="JobTypes.FulfilOrder"/> outbox job written when an order was paid.</summary>
public sealed class FulfilOrderJobHandler(FulfilmentService fulfilment) : IJobHandler
{
    public string JobType => JobTypes.FulfilOrder;

    public Task HandleAsync(string payload, CancellationToken ct) => fulfilment.FulfilAsync(Guid.Parse(payload), JobRun.Current, ct);
}
