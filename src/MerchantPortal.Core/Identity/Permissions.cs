using MerchantPortal.Auditing;

namespace MerchantPortal.Identity;

/// <summary>What an actor may do to orders and money beyond reading them; see <see cref="Permissions"/>.</summary>
public enum Capability
{
    /// <summary>Refund units of an order (partly or all), and retry a failed refund.</summary>
    RefundUnits,

    /// <summary>Send undelivered units back to fulfilment.</summary>
    RetryFulfilment,

    /// <summary>Approve or reject what waits for a second person (four eyes), e.g. a large refund.</summary>
    DecideApprovals,

    /// <summary>Cancel an order that is not being fulfilled yet; a paid one is refunded in full.</summary>
    CancelOrders,

    /// <summary>See the support work queue and the approvals waiting.</summary>
    ViewSupportQueue,

    /// <summary>Create merchants and set their charges and refund settings (threshold, automatic refunds).</summary>
    ManageMerchants,

    /// <summary>See a merchant's webhook endpoints and their deliveries.</summary>
    ViewWebhooks,

    /// <summary>Add, change, delete webhook endpoints, rotate their secrets, send test events and resend deliveries.</summary>
    ManageWebhooks,

    /// <summary>Upload codes to key items and void available ones (the system seeds demo codes).</summary>
    ManageKeyInventory,

    /// <summary>
    /// Change a customer's name, email, phone and notes: the merchant's own users (the customer is theirs) and
    /// admins; support only reads customers, as it reads orders.
    /// </summary>
    EditCustomers,

    /// <summary>Credit or debit a merchant's prepaid balance by hand, with a reason (DESIGN §1: admins).</summary>
    AdjustBalance,

    /// <summary>
    /// Invite and remove a merchant's users and choose its team admins: admins for every merchant, and a merchant's
    /// own team admins (<see cref="PortalUser.IsTeamAdmin"/>, which <see cref="TeamService"/> checks) for theirs.
    /// </summary>
    ManageTeam,

    /// <summary>
    /// Email an order's delivered codes to its customer, print them or download them: whoever may reveal the codes
    /// (the merchant's own users, support and admins; the order's merchant is checked with <see cref="Permissions.MaySee"/>).
    /// </summary>
    SendCodesToCustomer,
}

/// <summary>API key scopes (DESIGN §7).</summary>
public static class Scopes
{
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";
    public const string RefundsWrite = "refunds:write";
    public const string CatalogRead = "catalog:read";
    public const string BalanceRead = "balance:read";
    public const string WebhooksWrite = "webhooks:write";

    public static IReadOnlyList<string> All { get; } = [OrdersRead, OrdersWrite, RefundsWrite, CatalogRead, BalanceRead, WebhooksWrite];
}

/// <summary>
/// The one matrix of who may do what (docs/refunds.md). Core services check it, so a page or an endpoint
/// cannot forget to: users by role, API keys by scope (always within their own merchant), and the
/// system for automatic policies, whose configuration is the approval.
/// </summary>
public static class Permissions
{
    private sealed record Rule(string[] Roles, string? Scope, bool System);

    private static readonly Dictionary<Capability, Rule> Matrix = new()
    {
        [Capability.RefundUnits] = new([Roles.Support, Roles.Admin], Scopes.RefundsWrite, System: true),
        [Capability.RetryFulfilment] = new([Roles.Support, Roles.Admin], null, System: true),
        [Capability.DecideApprovals] = new([Roles.Support, Roles.Admin], null, System: false),
        [Capability.CancelOrders] = new([Roles.Merchant, Roles.Admin], Scopes.OrdersWrite, System: true),
        [Capability.ViewSupportQueue] = new([Roles.Support, Roles.Admin], null, System: true),
        [Capability.ManageMerchants] = new([Roles.Admin], null, System: true),
        // API keys have no separate read scope for webhooks: webhooks:write covers reading them too.
        [Capability.ViewWebhooks] = new([Roles.Merchant, Roles.Support, Roles.Admin], Scopes.WebhooksWrite, System: true),
        [Capability.ManageWebhooks] = new([Roles.Merchant, Roles.Admin], Scopes.WebhooksWrite, System: true),
        [Capability.ManageKeyInventory] = new([Roles.Admin], null, System: true),
        // No API scope: the API has no customer endpoints; customers are edited in the portal.
        [Capability.EditCustomers] = new([Roles.Merchant, Roles.Admin], null, System: true),
        // No API scope: money is moved by hand only in the portal. The system books the demo's opening deposits.
        [Capability.AdjustBalance] = new([Roles.Admin], null, System: true),
        [Capability.ManageTeam] = new([Roles.Merchant, Roles.Admin], null, System: false),
        // No API scope: the API returns the codes to the merchant's own system, which mails its customers itself.
        [Capability.SendCodesToCustomer] = new([Roles.Merchant, Roles.Support, Roles.Admin], null, System: false),
    };

    public static bool Can(this Actor actor, Capability capability)
    {
        var rule = Matrix[capability];
        return actor.Kind switch
        {
            ActorKind.System => rule.System,
            ActorKind.User => actor.Role is { } role && rule.Roles.Contains(role, StringComparer.Ordinal),
            ActorKind.ApiKey => rule.Scope is { } scope && actor.MerchantId is not null && actor.Scopes?.Contains(scope) == true,
            _ => false,
        };
    }

    /// <summary>Whether the actor may see and change the merchant's data: staff and the system see every merchant.</summary>
    public static bool MaySee(this Actor actor, Guid merchantId) => actor.MerchantId is not { } own ? actor.Kind != ActorKind.ApiKey : own == merchantId;

    /// <summary>The roles (for the portal's navigation and pages) that hold a capability.</summary>
    public static IReadOnlyList<string> RolesWith(Capability capability) => Matrix[capability].Roles;
}
