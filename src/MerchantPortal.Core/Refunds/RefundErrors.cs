using MerchantPortal.Common;

namespace MerchantPortal.Refunds;

/// <summary>The expected failures of refunds; each changes nothing.</summary>
public static class RefundErrors
{
    public const int MaxNoteLength = 500;

    public static Error NotAllowed { get; } =
        new("REFUND_NOT_ALLOWED",
            "Only support agents and admins (or an API key with refunds:write) can refund orders.") { Kind = ErrorKind.Forbidden };

    public static Error OrderNotFound { get; } = new("ORDER_NOT_FOUND", "That order does not exist.", "order_id") { Kind = ErrorKind.NotFound };

    public static Error NotFound { get; } = new("REFUND_NOT_FOUND", "That refund does not exist.", "refund_id") { Kind = ErrorKind.NotFound };

    public static Error NotPaid { get; } =
        new("ORDER_NOT_PAID", "This order was never paid, so there is nothing to refund.", "order_id") { Kind = ErrorKind.Rule };

    public static Error FullyRefunded { get; } =
        new("ORDER_ALREADY_REFUNDED", "Everything paid for this order has already been refunded.", "order_id") { Kind = ErrorKind.Rule };

    public static Error OrderCancelled { get; } = new("ORDER_CANCELLED",
        "A cancelled order is refunded in full when it is cancelled; only a refund of it that failed can be tried again.", "order_id")
            { Kind = ErrorKind.Rule };

    public static Error NothingToRefund { get; } =
        new("NOTHING_TO_REFUND", "Every unit of this order was delivered or is already refunded.", "lines") { Kind = ErrorKind.Rule };

    public static Error LineNotFound(int index) =>
        new("REFUND_LINE_NOT_FOUND", "That line is not part of this order.", $"lines[{index}].line_id");

    public static Error LineRepeated(int index) =>
        new("REFUND_LINE_REPEATED", "Each line can appear once in a refund.", $"lines[{index}].line_id");

    public static Error UnitsInvalid(int index) =>
        new("REFUND_QUANTITY_INVALID", "Refund at least one unit.", $"lines[{index}].quantity");

    /// <summary>More units than are left: delivered units are never refunded, and units refunded once are gone.</summary>
    public static Error UnitsUnavailable(int index, string lineName, int requested, int delivered, int refunded, int remaining) =>
        new("REFUND_UNITS_UNAVAILABLE", remaining == 0
            ? $"Nothing of {lineName} can be refunded: {Describe(delivered, refunded)}."
            : $"Only {remaining} unit(s) of {lineName} can be refunded, not {requested}: {Describe(delivered, refunded)}.",
            $"lines[{index}].quantity") { Kind = ErrorKind.Rule };

    public static Error DestinationUnavailable { get; } = new("REFUND_DESTINATION_UNAVAILABLE",
        "This order was paid from the balance, so it can only be refunded to the balance.", "destination") { Kind = ErrorKind.Rule };

    public static Error NoteRequired { get; } = new("REFUND_NOTE_REQUIRED", "Say why in a note when the reason is \"other\".", "note");

    public static Error NoteTooLong { get; } = new("REFUND_NOTE_TOO_LONG", $"The note can be at most {MaxNoteLength} characters.", "note");

    public static Error IdempotencyKeyTooLong { get; } =
        new("IDEMPOTENCY_KEY_TOO_LONG", "The idempotency key can be at most 255 characters.", "idempotency_key");

    public static Error IdempotencyKeyConflict { get; } = new("IDEMPOTENCY_KEY_CONFLICT",
        "This idempotency key was already used for a different refund.", "idempotency_key") { Kind = ErrorKind.Conflict };

    public static Error Conflict { get; } =
        new("REFUND_CONFLICT", "The order changed while the refund was being made. Please look at it again and retry.") { Kind = ErrorKind.Conflict };

    public static Error NotRetryable(RefundStatus status) =>
        new("REFUND_NOT_RETRYABLE",
            $"Only a failed refund can be tried again; this one is {status.ToString().ToLowerInvariant()}.", "refund_id") { Kind = ErrorKind.Rule };

    public static Error AlreadyRetried(string reference) =>
        new("REFUND_ALREADY_RETRIED", $"This refund was already tried again as {reference}.", "refund_id") { Kind = ErrorKind.Rule };

    public static Error NotAwaitingApproval(RefundStatus status) =>
        new("REFUND_NOT_AWAITING_APPROVAL",
            $"This refund does not wait for approval; it is {status.ToString().ToLowerInvariant()}.", "refund_id") { Kind = ErrorKind.Rule };

    public static Error NoLongerPossible(string orderReference, Orders.PaymentStatus payment) => new("REFUND_NO_LONGER_POSSIBLE",
        $"Order {orderReference} can no longer be refunded as asked: its payment is {payment.ToString().ToLowerInvariant()}. Reject the request.")
            { Kind = ErrorKind.Rule };

    private static string Describe(int delivered, int refunded) => (delivered, refunded) switch
    {
        (> 0, > 0) => $"{delivered} delivered and {refunded} already refunded",
        (> 0, _) => $"{delivered} delivered",
        (_, > 0) => $"{refunded} already refunded",
        _ => "none are left",
    };
}
