namespace MerchantPortal.Identity;

/// <summary>Creates a portal user. Without a password the user sets one from an invitation link.</summary>
public sealed record CreateUser(string Email, string DisplayName, string Role, Guid? MerchantId, string? Password = null);

/// <summary>Changes a user's name, role and merchant account.</summary>
public sealed record UpdateUser(string DisplayName, string Role, Guid? MerchantId);

/// <summary>Filters for the users list.</summary>
public sealed record UserQuery(string? Search = null, string? Role = null, int Page = 0, int PageSize = 25);

/// <summary>A user as the admin users list shows it.</summary>
public sealed record UserSummary(
    string Id,
    string Email,
    string DisplayName,
    string Role,
    Guid? MerchantId,
    string? MerchantName,
    bool IsLockedOut,
    DateTimeOffset? LockoutEnd,
    bool TwoFactorEnabled,
    DateTime CreatedAt);
