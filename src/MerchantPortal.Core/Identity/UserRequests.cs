namespace MerchantPortal.Identity;

/// <summary>
/// Creates a portal user. Without a password the user sets one from an invitation link. Only a merchant user can be
/// its merchant's team admin.
/// </summary>
public sealed record CreateUser(string Email, string DisplayName, string Role, Guid? MerchantId, string? Password = null, bool IsTeamAdmin = false);

/// <summary>Changes a user's name, role, merchant account and team admin flag.</summary>
public sealed record UpdateUser(string DisplayName, string Role, Guid? MerchantId, bool IsTeamAdmin = false);

/// <summary>Filters for the users list; <see cref="MerchantId"/> keeps one merchant's users.</summary>
public sealed record UserQuery(string? Search = null, string? Role = null, int Page = 0, int PageSize = 25, Guid? MerchantId = null);

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
    DateTime CreatedAt,
    bool IsTeamAdmin = false);
