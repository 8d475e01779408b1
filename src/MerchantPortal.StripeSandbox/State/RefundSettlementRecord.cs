namespace MerchantPortal.StripeSandbox.State;

/// <summary>
/// The status a refund of one of the asynchronous refund test cards moves to later, and when; kept on the
/// refund (and in the data file) until it is applied, so a restart does not lose it.
/// </summary>
internal sealed class RefundSettlementRecord
{
    public required DateTimeOffset At { get; init; }

    public required string Status { get; init; }

    public string? FailureReason { get; init; }
}
