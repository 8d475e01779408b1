using MerchantPortal.Orders;
using MerchantPortal.Support;

namespace MerchantPortal.Web.Components.Shared;

/// <summary>
/// A problem or reason code in words, the same everywhere (order page, dashboard, support queue):
/// <c>OUT_OF_STOCK</c> → "Out of stock". The code itself stays available as a tooltip for support.
/// </summary>
public static class ReasonText
{
    public static string Of(string code) => code switch
    {
        OrderErrorCodes.OutOfStock => "Out of stock",
        OrderErrorCodes.ProviderError => "Provider error",
        SupportReasons.Stuck => "Stuck in processing",
        SupportReasons.Undelivered => "Units left undelivered",
        OrderFlags.RefundFailed => "Refund failed",
        OrderFlags.LatePayment => "Late card payment",
        OrderFlags.DeliveredAfterRefund => "Delivered after a refund",
        _ => Sentence(code),
    };

    // An unknown code still reads as words: SOME_CODE → "Some code".
    private static string Sentence(string code)
    {
        var words = code.Replace('_', ' ').ToLowerInvariant();
        return words.Length == 0 ? code : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
