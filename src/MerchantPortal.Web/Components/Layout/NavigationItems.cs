using MerchantPortal.Identity;
using MudBlazor;

namespace MerchantPortal.Web.Components.Layout;

/// <summary>
/// One entry of the navigation drawer, shown only to users who satisfy its <see cref="Policy"/>. An
/// <see cref="OutsidePortal"/> entry is a page the portal's router does not serve (the API reference); it opens in a new tab.
/// </summary>
public sealed record NavigationItem(
    string Key, string Title, string Href, string Icon, string Policy, string Section, string Description, NavigationBadge Badge = NavigationBadge.None,
    bool OutsidePortal = false);

/// <summary>A live figure an entry shows next to its title.</summary>
public enum NavigationBadge
{
    None,

    /// <summary>How many approvals wait for a second person (<see cref="PendingApprovalsBadge"/>).</summary>
    PendingApprovals,
}

/// <summary>The navigation drawer's entries, in display order. The one place that lists the portal's areas.</summary>
public static class NavigationItems
{
    public const string Overview = "Overview";
    public const string Commerce = "Commerce";
    public const string Support = "Support";
    public const string Developers = "Developers";
    public const string Administration = "Administration";

    public static IReadOnlyList<NavigationItem> All { get; } =
    [
        new("dashboard", "Dashboard", "/", Icons.Material.Outlined.SpaceDashboard, Policies.SignedIn, Overview,
            "Today's activity at a glance."),
        new("new-order", "New order", "/orders/new", Icons.Material.Outlined.AddShoppingCart, Policies.PlaceOrders, Commerce,
            "Place an order for a customer and pay it from the balance."),
        new("orders", "Orders", "/orders", Icons.Material.Outlined.ReceiptLong, Policies.ViewOrders, Commerce,
            "Find orders, follow their fulfilment and export them."),
        new("customers", "Customers", "/customers", Icons.Material.Outlined.People, Policies.ViewCustomers, Commerce,
            "Customers and their orders."),
        new("payment-methods", "Payment methods", "/payment-methods", Icons.Material.Outlined.CreditCard, Policies.ManagePaymentMethods, Commerce,
            "Customers' saved cards: add, make default, remove."),
        new("catalog", "Catalog", "/catalog", Icons.Material.Outlined.Inventory2, Policies.ViewCatalog, Commerce,
            "Keys, top-ups and services, with stock."),
        new("balance", "Balance", "/balance", Icons.Material.Outlined.AccountBalanceWallet, Policies.ViewBalance, Commerce,
            "The prepaid balance and every movement of it."),
        new("support", "Support queue", "/support", Icons.Material.Outlined.SupportAgent, Policies.SupportQueue, Support,
            "Orders that need a person: retry, refund or mark as dealt with; approve what waits for a second agent.",
            NavigationBadge.PendingApprovals),
        new("webhooks", "Webhooks", "/webhooks", Icons.Material.Outlined.Webhook, Policies.ViewWebhooks, Developers,
            "Endpoints that receive order events, and every delivery attempt."),
        new("api-keys", "API keys", "/api-keys", Icons.Material.Outlined.Key, Policies.ViewApiKeys, Developers,
            "Keys for the public API: create, revoke and roll them, and see their use."),
        new("api-reference", "API reference", "/api/reference", Icons.Material.Outlined.Api, Policies.PlaceOrders, Developers,
            "The public REST API: endpoints, fields and errors, to try out with an API key.", OutsidePortal: true),
        new("merchants", "Merchants", "/admin/merchants", Icons.Material.Outlined.Storefront, Policies.ManageMerchants, Administration,
            "Merchant accounts, their fees, taxes and refund settings."),
        new("team", "Team", "/team", Icons.Material.Outlined.Groups, Policies.ManageTeam, Administration,
            "A merchant's colleagues: invite them, choose team admins, remove those who left."),
        new("users", "Users", "/admin/users", Icons.Material.Outlined.ManageAccounts, Policies.ManageUsers, Administration,
            "Invite people, assign roles and merchants, lock and unlock accounts."),
        new("audit", "Audit log", "/admin/audit", Icons.Material.Outlined.History, Policies.ViewAuditLog, Administration,
            "Who changed what: money, codes, catalog and roles."),
    ];

    /// <summary>The entry a page belongs to: the longest address that is the page's address or a parent of it.</summary>
    public static NavigationItem? BestMatch(IEnumerable<NavigationItem> items, string relativePath)
    {
        var path = "/" + relativePath.Split('?', '#')[0].Trim('/');
        return items
            .Where(i => !i.OutsidePortal && (path == i.Href || (i.Href != "/" && path.StartsWith(i.Href + "/", StringComparison.OrdinalIgnoreCase))))
            .MaxBy(i => i.Href.Length);
    }
}
