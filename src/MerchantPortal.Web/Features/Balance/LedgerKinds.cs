using MerchantPortal.Ledger;

namespace MerchantPortal.Web.Features.Balance;

/// <summary>How the portal names ledger kinds and the ledger filter's choices.</summary>
public static class LedgerKinds
{
    public static string Label(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.TopUp => "Top-up",
        LedgerEntryKind.Adjustment => "Adjustment",
        LedgerEntryKind.OrderCharge => "Order",
        _ => "Refund",
    };

    public static string WireName(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.TopUp => "top_up",
        LedgerEntryKind.Adjustment => "adjustment",
        LedgerEntryKind.OrderCharge => "order",
        _ => "refund",
    };

    public static string Label(LedgerKindFilter filter) => filter switch
    {
        LedgerKindFilter.All => "All movements",
        LedgerKindFilter.Credits => "Credits (money in)",
        LedgerKindFilter.Debits => "Debits (money out)",
        LedgerKindFilter.TopUps => "Top-ups",
        LedgerKindFilter.Adjustments => "Adjustments",
        LedgerKindFilter.Orders => "Orders",
        _ => "Refunds",
    };
}
