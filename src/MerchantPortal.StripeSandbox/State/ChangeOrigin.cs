namespace MerchantPortal.StripeSandbox.State;

/// <summary>
/// The API request behind a change, which its events name (<c>request.id</c>, <c>request.idempotency_key</c>).
/// Both are null for changes no API request made: on the sandbox's pages, or its own webhook bookkeeping.
/// </summary>
internal sealed record ChangeOrigin(string? RequestId, string? IdempotencyKey)
{
    public static ChangeOrigin None { get; } = new(null, null);
}
