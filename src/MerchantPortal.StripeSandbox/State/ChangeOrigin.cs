namespace MerchantPortal.StripeSandbox.State;

/// <summary>The API request behind a change, which its events name; both null for changes made on a sandbox page.</summary>
internal sealed record ChangeOrigin(string? RequestId, string? IdempotencyKey)
{
    public static ChangeOrigin Page { get; } = new(null, null);
}
