using MerchantPortal.Identity;
using MudBlazor;

namespace MerchantPortal.Web.Components.Layout;

/// <summary>One entry of the navigation drawer, shown only to users who satisfy its <see cref="Policy"/>.</summary>
public sealed record NavigationItem(string Key, string Title, string Href, string Icon, string Policy, string Section, string Description);

/// <summary>The navigation drawer's entries, in display order. The one place that lists the portal's areas.</summary>
public static class NavigationItems
{
    public const string Overview = "Overview";
    public const string Administration = "Administration";

    public static IReadOnlyList<NavigationItem> All { get; } =
    [
        new("dashboard", "Dashboard", "/", Icons.Material.Outlined.SpaceDashboard, Policies.SignedIn, Overview,
            "Today's activity at a glance."),
        new("users", "Users", "/admin/users", Icons.Material.Outlined.ManageAccounts, Policies.ManageUsers, Administration,
            "Invite people, assign roles and merchants, lock and unlock accounts."),
    ];
}
