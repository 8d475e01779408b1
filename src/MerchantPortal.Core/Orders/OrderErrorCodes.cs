namespace MerchantPortal.Orders;

/// <summary>Machine codes carried by failed orders and failed lines.</summary>
public static class OrderErrorCodes
{
    public const string OutOfStock = "OUT_OF_STOCK";
    public const string ProviderError = "PROVIDER_ERROR";
    public const string PaymentDeclined = "PAYMENT_DECLINED";
    public const string AuthenticationRequired = "AUTHENTICATION_REQUIRED";

    /// <summary>Every unit was refunded before it could be delivered.</summary>
    public const string Refunded = "REFUNDED";
}
