using MerchantPortal.Common;

namespace MerchantPortal.Ledger;

public static class LedgerErrors
{
    public static Error InsufficientBalance { get; } =
        new("INSUFFICIENT_BALANCE", "The merchant's balance is too low to pay for this order.", "payment") { Kind = ErrorKind.Rule };

    public static Error CurrencyMismatch(string balanceCurrency, string orderCurrency) => new("CURRENCY_MISMATCH",
        $"The balance is kept in {balanceCurrency}; it cannot pay an amount in {orderCurrency}.", "payment") { Kind = ErrorKind.Rule };

    public static Error AmountInvalid { get; } = new("AMOUNT_INVALID",
        "Enter an amount greater than zero, with no more decimals than the currency has.", "amount");

    public static Error ReasonRequired { get; } = new("REASON_REQUIRED", "Say why the balance is changed; it is kept in the ledger.", "reason");

    public static Error ReasonTooLong { get; } = new("REASON_TOO_LONG", "The reason can be at most 500 characters.", "reason");

    public static Error MerchantNotFound { get; } =
        new("MERCHANT_NOT_FOUND", "That merchant account does not exist.", "merchant_id") { Kind = ErrorKind.NotFound };

    public static Error IdempotencyKeyRequired { get; } = new("IDEMPOTENCY_KEY_REQUIRED", "An idempotency key is required.", "idempotency_key");
}
