using MerchantPortal.Common;

namespace MerchantPortal.Idempotency;

/// <summary>The refusals of a request sent again with an <c>Idempotency-Key</c>.</summary>
public static class IdempotencyErrors
{
    /// <summary>The longest key accepted, as Stripe does.</summary>
    public const int MaxKeyLength = 255;

    public static Error KeyTooLong { get; } =
        new("IDEMPOTENCY_KEY_TOO_LONG", $"The idempotency key can be at most {MaxKeyLength} characters.", "idempotency_key");

    public static Error KeyConflict { get; } = new("IDEMPOTENCY_KEY_CONFLICT",
        "This idempotency key was already used for a different request.", "idempotency_key") { Kind = ErrorKind.Conflict };

    public static Error InProgress { get; } = new("IDEMPOTENCY_IN_PROGRESS",
        "A request with this idempotency key is still being processed. Retry in a moment to get its result.") { Kind = ErrorKind.Conflict };
}
