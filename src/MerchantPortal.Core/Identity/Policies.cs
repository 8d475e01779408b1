namespace MerchantPortal.Identity;

/// <summary>
/// Authorization policies, one per capability. Pages, API endpoints and the navigation all ask for a
/// policy, never for a role, so the role-to-capability map lives in one place (<see cref="PolicyRoles"/>).
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in portal user.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Browse the catalog and stock.</summary>
    public const string ViewCatalog = nameof(ViewCatalog);

    /// <summary>Create, edit and deactivate items; upload codes.</summary>
    public const string ManageCatalog = nameof(ManageCatalog);

    /// <summary>Place orders (for one's own merchant, or any merchant for admins).</summary>
    public const string PlaceOrders = nameof(PlaceOrders);

    /// <summary>Save customers' cards, make one the default, remove them.</summary>
    public const string ManagePaymentMethods = nameof(ManagePaymentMethods);

    /// <summary>See orders, their lines and timelines; export them.</summary>
    public const string ViewOrders = nameof(ViewOrders);

    /// <summary>See customers.</summary>
    public const string ViewCustomers = nameof(ViewCustomers);

    /// <summary>See a merchant's prepaid balance and ledger.</summary>
    public const string ViewBalance = nameof(ViewBalance);

    /// <summary>Credit or debit a merchant's balance.</summary>
    public const string AdjustBalance = nameof(AdjustBalance);

    /// <summary>Create merchants and set their fee and tax.</summary>
    public const string ManageMerchants = nameof(ManageMerchants);

    /// <summary>Create and manage users, roles and lockouts.</summary>
    public const string ManageUsers = nameof(ManageUsers);

    /// <summary>Read the audit log.</summary>
    public const string ViewAuditLog = nameof(ViewAuditLog);

    /// <summary>Which roles satisfy each policy.</summary>
    public static IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [SignedIn] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [ViewCatalog] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [ManageCatalog] = [Roles.Admin],
        [PlaceOrders] = [Roles.Merchant, Roles.Admin],
        [ManagePaymentMethods] = [Roles.Merchant, Roles.Admin],
        [ViewOrders] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [ViewCustomers] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [ViewBalance] = [Roles.Merchant, Roles.Admin],
        [AdjustBalance] = [Roles.Admin],
        [ManageMerchants] = [Roles.Admin],
        [ManageUsers] = [Roles.Admin],
        [ViewAuditLog] = [Roles.Admin],
    };
}
