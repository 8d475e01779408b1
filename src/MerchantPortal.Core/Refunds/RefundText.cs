using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using MerchantPortal.Payments;

namespace MerchantPortal.Refunds;

/// <summary>
/// A refund in words, the same in the confirmation dialog, the timeline, the audit log and the approval:
/// "3 × Steam £20 key = £61.20 to Visa •••• 4242".
/// </summary>
public static class RefundText
{
    public static string Describe(IEnumerable<(int Units, string Name)> lines, long amountMinor, string currency, RefundDestination destination, Order order) =>
        Describe(lines, amountMinor, currency, destination, order.CardBrand, order.CardLast4);

    public static string Describe(
        IEnumerable<(int Units, string Name)> lines, long amountMinor, string currency, RefundDestination destination, string? cardBrand, string? cardLast4) =>
        $"{string.Join(" + ", lines.Select(l => $"{l.Units} × {l.Name}"))} = {new Money(amountMinor, Currency.Of(currency))} to {DestinationOf(destination, cardBrand, cardLast4)}";

    public static string Describe(Refund refund, Order order) =>
        Describe(refund.Lines.OrderBy(l => l.LineNumber).Select(l => (l.Units, l.Name)), refund.AmountMinor, refund.Currency, refund.Destination, order);

    /// <summary>"Visa •••• 4242" or "the merchant balance".</summary>
    public static string DestinationOf(RefundDestination destination, Order order) => DestinationOf(destination, order.CardBrand, order.CardLast4);

    public static string DestinationOf(RefundDestination destination, string? cardBrand, string? cardLast4) => destination == RefundDestination.Balance
        ? "the merchant balance"
        : CardLabel.Of(cardBrand, cardLast4);
}
