using MerchantPortal.Common;

namespace MerchantPortal.Orders;

/// <summary>The expected failures of placing and changing orders.</summary>
public static class OrderErrors
{
    public const int MaxLines = 50;

    /// <summary>The longest merchant order id; the EF configuration and the portal's input use it too.</summary>
    public const int MaxMerchantOrderIdLength = 100;

    /// <summary>The longest external reference; the EF configuration and the portal use it too.</summary>
    public const int MaxExternalReferenceLength = 100;

    /// <summary>The longest notes; the EF configuration and the portal's counter use it too.</summary>
    public const int MaxNotesLength = 2000;

    /// <summary>The longest cancellation reason: it becomes the note of the refund a cancellation makes, so the refund's limit.</summary>
    public const int MaxCancelReasonLength = Refunds.RefundErrors.MaxNoteLength;

    public static Error CancelReasonTooLong { get; } =
        new("CANCEL_REASON_TOO_LONG", $"The reason can be at most {MaxCancelReasonLength} characters.", "reason");

    public static Error NotFound { get; } = new("ORDER_NOT_FOUND", "That order does not exist.") { Kind = ErrorKind.NotFound };

    public static Error MerchantNotFound { get; } =
        new("MERCHANT_NOT_FOUND", "That merchant account does not exist.", "merchant_id") { Kind = ErrorKind.NotFound };

    /// <summary>No merchant chosen: a form reports it before it can build a request, as the request names its merchant.</summary>
    public static Error MerchantRequired { get; } = new("MERCHANT_REQUIRED", "Choose the merchant to place the order for.", "merchant_id");

    public static Error MerchantDeactivated { get; } = new("MERCHANT_DEACTIVATED",
        "This merchant account is deactivated and takes no new orders; an admin can reactivate it.", "merchant_id") { Kind = ErrorKind.Conflict };

    public static Error MerchantNotAllowed { get; } =
        new("MERCHANT_NOT_ALLOWED", "You can only place orders for your own merchant account.", "merchant_id") { Kind = ErrorKind.Forbidden };

    public static Error LinesRequired { get; } = new("LINES_REQUIRED", "Add at least one item to the order.", "lines");

    public static Error TooManyLines { get; } = new("TOO_MANY_LINES", $"An order can have at most {MaxLines} lines.", "lines");

    public static Error ItemNotFound(int index) =>
        new("ITEM_NOT_FOUND", "That catalog item does not exist.", $"lines[{index}].item_id");

    public static Error ItemInactive(int index, string name) =>
        new("ITEM_INACTIVE", $"{name} is no longer sold.", $"lines[{index}].item_id") { Kind = ErrorKind.Rule };

    public static Error MixedCurrencies(int index) =>
        new("CURRENCY_MISMATCH", "All items of an order must be priced in the same currency.", $"lines[{index}].item_id") { Kind = ErrorKind.Rule };

    public static Error QuantityNotWhole(int index) =>
        new("QUANTITY_INVALID", "The quantity must be a whole number.", $"lines[{index}].quantity");

    public static Error QuantityOutOfRange(int index, int min, int max) =>
        new("QUANTITY_OUT_OF_RANGE", $"The quantity must be between {min} and {max}.", $"lines[{index}].quantity");

    public static Error ServiceQuantity(int index) =>
        new("QUANTITY_INVALID", "A service is always ordered once; leave the quantity out or send 1.", $"lines[{index}].quantity");

    public static Error AmountRequired(int index) =>
        new("AMOUNT_REQUIRED", "Enter the top-up amount.", $"lines[{index}].quantity");

    public static Error AmountInvalid(int index, string currency) =>
        new("AMOUNT_INVALID", $"The amount has more decimals than {currency} allows.", $"lines[{index}].quantity");

    public static Error AmountOutOfRange(int index, string min, string max) =>
        new("AMOUNT_OUT_OF_RANGE", $"The amount must be between {min} and {max}.", $"lines[{index}].quantity");

    public static Error AmountStep(int index, string step, string min) =>
        new("AMOUNT_STEP", $"The amount must be {min} plus a multiple of {step}.", $"lines[{index}].quantity");

    public static Error MerchantOrderIdTooLong { get; } =
        new("MERCHANT_ORDER_ID_TOO_LONG", $"The merchant order id can be at most {MaxMerchantOrderIdLength} characters.", "merchant_order_id");

    public static Error ExternalReferenceTooLong { get; } = new("EXTERNAL_REFERENCE_TOO_LONG",
        $"The external reference can be at most {MaxExternalReferenceLength} characters.", "external_reference");

    public static Error IdempotencyKeyTooLong { get; } =
        new("IDEMPOTENCY_KEY_TOO_LONG", "The idempotency key can be at most 255 characters.", "idempotency_key");

    public static Error NotesTooLong { get; } = new("NOTES_TOO_LONG", $"Notes can be at most {MaxNotesLength} characters.", "notes");

    public static Error TagsInvalid { get; } =
        new("TAGS_INVALID", "Use at most 10 tags of up to 50 characters each.", "tags");

    public static Error MetadataInvalid { get; } =
        new("METADATA_INVALID", "Use at most 20 metadata keys of up to 40 characters, with values of up to 500 characters.", "metadata");

    public static Error DuplicateMerchantOrderId { get; } = new("MERCHANT_ORDER_ID_CONFLICT",
        "An order with this merchant order id already exists with different details.", "merchant_order_id") { Kind = ErrorKind.Conflict };

    public static Error IdempotencyKeyConflict { get; } = new("IDEMPOTENCY_KEY_CONFLICT",
        "This idempotency key was already used for a different request.", "idempotency_key") { Kind = ErrorKind.Conflict };

    public static Error PaymentMethodRequired { get; } =
        new("PAYMENT_METHOD_REQUIRED", "Choose the customer's saved card to pay with.", "payment.payment_method_id");

    public static Error CancelNotAllowed { get; } =
        new("CANCEL_NOT_ALLOWED",
            "Only merchant users and admins (or an API key with orders:write) can cancel orders.") { Kind = ErrorKind.Forbidden };

    public static Error NotCancellable(string status) =>
        new("ORDER_NOT_CANCELLABLE", $"Only orders awaiting payment or pending can be cancelled; this one is {status}.") { Kind = ErrorKind.Rule };

    public static Error CursorInvalid(string field) => new("CURSOR_INVALID",
        "The cursor names no order in this list; start again from the first page.", field);

    public static Error CursorsExclusive { get; } =
        new("CURSOR_INVALID", "Page with starting_after or with ending_before, not both.", "ending_before");

    public static Error LimitInvalid { get; } =
        new("LIMIT_INVALID", $"The limit must be between 1 and {OrderCursor.MaxLimit}.", "limit");
}
