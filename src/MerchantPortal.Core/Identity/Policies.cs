namespace MerchantPortal.Identity;

/// <summary>
/// Authorization policies, one per capability. Pages, API endpoints and the navigation all ask for a
/// policy, never for a role, so the role-to-capability map lives in one place (<see cref="PolicyRoles"/>).
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in portal user.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Create and manage users, roles and lockouts.</summary>
    public const string ManageUsers = nameof(ManageUsers);

    /// <summary>Which roles satisfy each policy.</summary>
    public static IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [SignedIn] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [ManageUsers] = [Roles.Admin],
    };
}
