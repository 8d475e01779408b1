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

    /// <summary>Change customers' details and notes.</summary>
    public const string EditCustomers = nameof(EditCustomers);

    /// <summary>See a merchant's prepaid balance and ledger.</summary>
    public const string ViewBalance = nameof(ViewBalance);

    /// <summary>Credit or debit a merchant's balance.</summary>
    public const string AdjustBalance = nameof(AdjustBalance);

    /// <summary>Create merchants and set their fee and tax.</summary>
    public const string ManageMerchants = nameof(ManageMerchants);

    /// <summary>Invite and remove a merchant's users: its team admins for their merchant, admins for all.</summary>
    public const string ManageTeam = nameof(ManageTeam);

    /// <summary>Create and manage users, roles and lockouts.</summary>
    public const string ManageUsers = nameof(ManageUsers);

    /// <summary>
    /// See a merchant's API keys (support reads them, admins manage them); merchant users only when their merchant
    /// lets them manage its keys, which the portal checks on top of the role.
    /// </summary>
    public const string ViewApiKeys = nameof(ViewApiKeys);

    /// <summary>Read the audit log.</summary>
    public const string ViewAuditLog = nameof(ViewAuditLog);

    /// <summary>Cancel orders that are not being fulfilled yet (a paid one is refunded in full).</summary>
    public const string CancelOrders = nameof(CancelOrders);

    /// <summary>Refund undelivered units, retry failed refunds.</summary>
    public const string RefundOrders = nameof(RefundOrders);

    /// <summary>Send undelivered units back to fulfilment.</summary>
    public const string RetryFulfilment = nameof(RetryFulfilment);

    /// <summary>The support work queue, and approving or rejecting what waits for a second person.</summary>
    public const string SupportQueue = nameof(SupportQueue);

    /// <summary>See webhook endpoints and their deliveries.</summary>
    public const string ViewWebhooks = nameof(ViewWebhooks);

    /// <summary>Manage webhook endpoints, send test events, resend deliveries.</summary>
    public const string ManageWebhooks = nameof(ManageWebhooks);

    /// <summary>Email an order's delivered codes to its customer, print or download them.</summary>
    public const string SendCodes = nameof(SendCodes);

    /// <summary>Which roles satisfy each policy; those about orders and money come from the <see cref="Permissions"/> matrix Core enforces.</summary>
    public static IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [SignedIn] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [ViewCatalog] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [ManageCatalog] = [Roles.Admin],
        [PlaceOrders] = [Roles.Merchant, Roles.Admin],
        [ManagePaymentMethods] = [Roles.Merchant, Roles.Admin],
        [ViewOrders] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [ViewCustomers] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [EditCustomers] = [.. Permissions.RolesWith(Capability.EditCustomers)],
        [ViewBalance] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [AdjustBalance] = [.. Permissions.RolesWith(Capability.AdjustBalance)],
        [ManageMerchants] = [.. Permissions.RolesWith(Capability.ManageMerchants)],
        [ManageUsers] = [Roles.Admin],
        [ManageTeam] = [.. Permissions.RolesWith(Capability.ManageTeam)],
        [ViewApiKeys] = [Roles.Merchant, Roles.Support, Roles.Admin],
        [ViewAuditLog] = [Roles.Admin],
        [CancelOrders] = [.. Permissions.RolesWith(Capability.CancelOrders)],
        [RefundOrders] = [.. Permissions.RolesWith(Capability.RefundUnits)],
        [RetryFulfilment] = [.. Permissions.RolesWith(Capability.RetryFulfilment)],
        [SupportQueue] = [.. Permissions.RolesWith(Capability.ViewSupportQueue)],
        [ViewWebhooks] = [.. Permissions.RolesWith(Capability.ViewWebhooks)],
        [ManageWebhooks] = [.. Permissions.RolesWith(Capability.ManageWebhooks)],
        [SendCodes] = [.. Permissions.RolesWith(Capability.SendCodesToCustomer)],
    };
}
