using MerchantPortal.Common;

namespace MerchantPortal.ApiKeys;

/// <summary>
/// A merchant's credential for the public API. Only a hash of the secret is kept (the secret is shown
/// once, at creation), with a short prefix so people can tell their keys apart.
/// </summary>
public sealed class ApiKey : IVersioned
{
    private ApiKey()
    {
    }

    public Guid Id { get; private set; }

    public Guid MerchantId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The start of the secret (<c>mp_test_AbCd12</c>), for display only.</summary>
    public string Prefix { get; private set; } = "";

    /// <summary>SHA-256 of the whole secret, hex; the secret has ≥ 128 random bits, so a fast hash is enough.</summary>
    public string SecretHash { get; private set; } = "";

    public ApiKeyMode Mode { get; private set; }

    public List<string> Scopes { get; private set; } = [];

    /// <summary>Addresses or CIDR ranges the key may be used from; empty: anywhere.</summary>
    public List<string> AllowedIps { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime? ExpiresAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    /// <summary>The key this one replaced when it was rolled.</summary>
    public Guid? ReplacesKeyId { get; private set; }

    public DateTime? LastUsedAt { get; private set; }

    public string? LastUsedIp { get; private set; }

    public long Version { get; private set; }

    public bool IsActiveAt(DateTime now) => RevokedAt is null && (ExpiresAt is not { } expires || expires > now);

    internal static ApiKey Create(
        Guid merchantId, string name, string secret, ApiKeyMode mode, IEnumerable<string> scopes, IEnumerable<string> allowedIps,
        DateTime? expiresAt, string createdBy, Guid? replacesKeyId, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        MerchantId = merchantId,
        Name = name.Trim(),
        Prefix = ApiKeySecret.DisplayPrefix(secret),
        SecretHash = ApiKeySecret.Hash(secret),
        Mode = mode,
        Scopes = [.. scopes],
        AllowedIps = [.. allowedIps],
        ExpiresAt = expiresAt,
        CreatedAt = now,
        CreatedBy = createdBy,
        ReplacesKeyId = replacesKeyId,
    };

    internal void Revoke(string revokedBy, DateTime now)
    {
        RevokedAt ??= now;
        RevokedBy ??= revokedBy;
    }

    /// <summary>Ends the key's life at <paramref name="at"/> (rolling keeps the old key valid for an overlap).</summary>
    internal void ExpireAt(DateTime at) => ExpiresAt = ExpiresAt is { } current && current < at ? current : at;
}

/// <summary><c>mp_test_</c> keys are issued while Stripe runs in test mode or the sandbox, <c>mp_live_</c> with live keys.</summary>
public enum ApiKeyMode
{
    Test,
    Live,
}
