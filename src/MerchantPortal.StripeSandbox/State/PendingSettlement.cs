namespace MerchantPortal.StripeSandbox.State;

/// <summary>A refund whose recorded settlement falls due at <paramref name="At"/>.</summary>
internal sealed record PendingSettlement(string RefundId, DateTimeOffset At);
