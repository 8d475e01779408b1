namespace MerchantPortal.ApiKeys;

/// <summary>A new key for a merchant; <paramref name="AllowedIps"/> holds addresses or CIDR ranges (none: anywhere).</summary>
public sealed record CreateApiKey(
    Guid MerchantId, string Name, IReadOnlyList<string> Scopes, DateTime? ExpiresAt = null, IReadOnlyList<string>? AllowedIps = null);

/// <summary>A key just created (or rolled): its <paramref name="Secret"/> is never shown again.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);
