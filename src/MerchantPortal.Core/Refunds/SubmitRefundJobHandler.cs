using MerchantPortal.Jobs;

namespace MerchantPortal.Refunds;

/// <summary>Runs the <see cref="JobTypes.SubmitRefund"/> outbox job written with a card refund: sends it to Stripe (again, if need be).</summary>
public sealed class SubmitRefundJobHandler(RefundSubmitter submitter) : IJobHandler
{
    public string JobType => JobTypes.SubmitRefund;

    public Task HandleAsync(string payload, CancellationToken ct) => submitter.SubmitAsync(Guid.Parse(payload), ct);
}
