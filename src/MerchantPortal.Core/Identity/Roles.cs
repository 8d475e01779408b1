namespace MerchantPortal.Identity;

/// <summary>The portal's roles. A user holds exactly one.</summary>
public static class Roles
{
    /// <summary>Works for one merchant: catalog, orders, customers, balance.</summary>
    public const string Merchant = "Merchant";

    /// <summary>Platform support staff: finds undelivered orders, retries and refunds them, for every merchant.</summary>
    public const string Support = "Support";

    /// <summary>Platform administrators: users, merchants, catalog, API keys, webhooks, audit log.</summary>
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Merchant, Support, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
