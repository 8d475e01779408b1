namespace MerchantPortal.StripeSandbox.State;

/// <summary>The statuses PaymentIntents and SetupIntents move through.</summary>
internal static class IntentStatus
{
    public const string RequiresPaymentMethod = "requires_payment_method";
    public const string RequiresConfirmation = "requires_confirmation";
    public const string RequiresAction = "requires_action";
    public const string Succeeded = "succeeded";
    public const string Canceled = "canceled";
}
