namespace MerchantPortal.ApiKeys;

/// <summary>A key as lists show it: never its secret, only the display prefix; with its status and recent usage.</summary>
public sealed record ApiKeySummary(
    Guid Id,
    Guid MerchantId,
    string Name,
    string Prefix,
    ApiKeyMode Mode,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> AllowedIps,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    string? RevokedBy,
    Guid? ReplacesKeyId,
    Guid? ReplacedByKeyId,
    DateTime? LastUsedAt,
    string? LastUsedIp,
    ApiKeyStatus Status,
    ApiKeyRecentUsage Usage);

/// <summary>Where a key stands: <see cref="Expiring"/> is a rolled key still valid during its overlap.</summary>
public enum ApiKeyStatus
{
    Active,
    Expiring,
    Expired,
    Revoked,
}

/// <summary>A key's calls in the last 24 hours: the totals, and the requests and errors of each hour, oldest first.</summary>
public sealed record ApiKeyRecentUsage(ApiKeyUsageCounts Totals, IReadOnlyList<ApiKeyHour> Hours)
{
    /// <summary>How many hours the list covers, the current one included.</summary>
    public const int HourCount = 24;
}

/// <summary>One hour of a key's usage.</summary>
public sealed record ApiKeyHour(DateTime HourStart, long Requests, long Errors);
