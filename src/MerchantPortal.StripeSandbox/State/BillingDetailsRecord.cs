namespace MerchantPortal.StripeSandbox.State;

/// <summary>The billing details of a payment method.</summary>
internal sealed record BillingDetailsRecord(AddressRecord? Address, string? Email, string? Name, string? Phone)
{
    public static BillingDetailsRecord None { get; } = new(null, null, null, null);
}
