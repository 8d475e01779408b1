using MerchantPortal.Auditing;

namespace MerchantPortal.Web.Features.Audit;

/// <summary>Where an audit entry's subject lives in the portal, when it has a page.</summary>
public static class AuditLinks
{
    public static (string Href, string Label)? For(AuditRow row) => row switch
    {
        { OrderId: { } order } => ($"/orders/{order}", "Open order"),
        { ItemId: { } item } => ($"/catalog/{item}", "Open item"),
        { TargetType: "customer" } => ($"/customers/{row.TargetId}", "Open customer"),
        { TargetType: "merchant", Action: var action } when action.StartsWith("balance.", StringComparison.Ordinal) =>
            ($"/balance?merchant={row.TargetId}", "Open balance"),
        { TargetType: "merchant" } => ("/admin/merchants", "Open merchants"),
        { TargetType: "user" } => ("/admin/users", "Open users"),
        { TargetType: "api_key", MerchantId: { } merchant } => ($"/api-keys?merchant={merchant}", "Open API keys"),
        { TargetType: "webhook_endpoint" or "webhook_delivery", MerchantId: { } merchant } => ($"/webhooks?merchant={merchant}", "Open webhooks"),
        _ => null,
    };
}
