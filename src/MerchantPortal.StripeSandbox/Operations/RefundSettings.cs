namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>How long refunds of the asynchronous refund test cards wait before they settle (from the sandbox's options).</summary>
internal sealed record RefundSettings(TimeSpan SettleDelay);
