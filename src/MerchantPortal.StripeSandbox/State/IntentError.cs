namespace MerchantPortal.StripeSandbox.State;

/// <summary>The <c>last_payment_error</c> / <c>last_setup_error</c> of an intent.</summary>
internal sealed record IntentError(string Type, string Code, string? DeclineCode, string Message, string? PaymentMethod, string? Charge);
