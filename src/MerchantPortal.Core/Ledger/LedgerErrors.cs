using MerchantPortal.Common;
using MerchantPortal.Idempotency;
using MerchantPortal.Monetary;

namespace MerchantPortal.Ledger;

public static class LedgerErrors
{
    /// <summary>
    /// The largest manual credit or debit, in minor units (10,000,000.00 in a two-decimal currency): anything
    /// larger is refused outright as a typing mistake, confirmed or not.
    /// </summary>
    public const long MaxAdjustmentMinor = 1_000_000_000;

    /// <summary>The code of the answer that asks to confirm a large adjustment; its message is the question.</summary>
    public const string ConfirmationRequiredCode = "ADJUSTMENT_CONFIRMATION_REQUIRED";

    public static Error InsufficientBalance { get; } =
        new("INSUFFICIENT_BALANCE", "The merchant's balance is too low to pay for this order.", "payment") { Kind = ErrorKind.Rule };

    public static Error DebitExceedsBalance(Money available) => new("INSUFFICIENT_BALANCE",
        $"The balance is too low for this debit: {available} available. A debit cannot take it below zero.", "amount") { Kind = ErrorKind.Rule };

    public static Error CurrencyMismatch(string balanceCurrency, string orderCurrency) => new("CURRENCY_MISMATCH",
        $"The balance is kept in {balanceCurrency}; it cannot pay an amount in {orderCurrency}.", "payment") { Kind = ErrorKind.Rule };

    public static Error AmountRequired { get; } = new("AMOUNT_INVALID", "Enter an amount greater than zero.", "amount");

    public static Error AmountNegative { get; } = new("AMOUNT_INVALID",
        "Enter the amount without a sign; choose Credit or Debit for the direction.", "amount");

    public static Error AmountTooPrecise(Currency currency) => new("AMOUNT_INVALID", currency.Exponent == 0
        ? $"{currency.Code} amounts have no decimals."
        : $"{currency.Code} amounts have at most {currency.Exponent} decimals.", "amount");

    public static Error AmountTooLarge(Money max) => new("AMOUNT_TOO_LARGE",
        $"A single credit or debit can be at most {max}; book larger movements in parts.", "amount");

    public static Error ReasonRequired { get; } = new("REASON_REQUIRED", "Say why the balance is changed; it is kept in the ledger.", "reason");

    public static Error ReasonTooLong { get; } =
        new("REASON_TOO_LONG", $"The reason can be at most {LedgerEntry.MaxDescriptionLength} characters.", "reason");

    public static Error MerchantNotFound { get; } =
        new("MERCHANT_NOT_FOUND", "That merchant account does not exist.", "merchant_id") { Kind = ErrorKind.NotFound };

    public static Error IdempotencyKeyRequired { get; } = new("IDEMPOTENCY_KEY_REQUIRED", "An idempotency key is required.", "idempotency_key");

    public static Error IdempotencyKeyTooLong { get; } = new("IDEMPOTENCY_KEY_TOO_LONG",
        $"The idempotency key can be at most {IdempotencyErrors.MaxKeyLength} characters.", "idempotency_key");

    public static Error AdjustNotAllowed { get; } =
        new("BALANCE_ADJUST_NOT_ALLOWED", "Only admins can credit or debit a merchant's balance.") { Kind = ErrorKind.Forbidden };

    public static Error DateRangeInvalid { get; } = new("DATE_RANGE_INVALID", "The end date must be after the start date.", "to");

    public static Error KindInvalid { get; } = new("KIND_INVALID", "Choose one of the listed kinds.", "kind");

    public static Error SearchTooLong { get; } =
        new("SEARCH_TOO_LONG", $"Search for at most {LedgerQuery.MaxTextLength} characters.", "text");

    public static Error PageInvalid { get; } = new("PAGE_INVALID", $"Pages hold 1 to {LedgerQuery.MaxPageSize} entries.", "page_size");

    public static Error ThresholdNotAllowed { get; } =
        new("THRESHOLD_NOT_ALLOWED", "Only admins can set a merchant's low-balance alert.") { Kind = ErrorKind.Forbidden };

    public static Error ThresholdNegative { get; } = new("THRESHOLD_INVALID", "Enter zero or more, or leave it empty for no alert.", "threshold");

    public static Error ThresholdTooPrecise(Currency currency) => new("THRESHOLD_INVALID", currency.Exponent == 0
        ? $"{currency.Code} amounts have no decimals."
        : $"{currency.Code} amounts have at most {currency.Exponent} decimals.", "threshold");

    public static Error ThresholdTooLarge(Money max) => new("THRESHOLD_TOO_LARGE", $"The alert can be at most {max}.", "threshold");

    /// <summary>A valid adjustment above the confirmation threshold: nothing is booked until it is sent again, confirmed.</summary>
    public static Error ConfirmationRequired(string question) => new(ConfirmationRequiredCode, question) { Kind = ErrorKind.Rule };
}
