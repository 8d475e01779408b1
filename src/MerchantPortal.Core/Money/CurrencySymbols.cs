using System.Collections.Frozen;

namespace MerchantPortal.Monetary;

/// <summary>Symbols for the currencies merchants use most; others are shown with their ISO code.</summary>
internal static class CurrencySymbols
{
    private static readonly FrozenDictionary<string, string> Symbols = new Dictionary<string, string>
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["CNY"] = "CN¥", ["INR"] = "₹", ["KRW"] = "₩",
        ["CAD"] = "CA$", ["AUD"] = "A$", ["NZD"] = "NZ$", ["MXN"] = "MX$", ["BRL"] = "R$", ["CHF"] = "CHF ",
        ["SEK"] = "SEK ", ["NOK"] = "NOK ", ["DKK"] = "DKK ", ["PLN"] = "PLN ", ["ILS"] = "₪", ["TRY"] = "₺",
        ["HKD"] = "HK$", ["SGD"] = "SGD ", ["ZAR"] = "ZAR ",
    }.ToFrozenDictionary();

    public static bool TryGet(string code, out string symbol) => Symbols.TryGetValue(code, out symbol!);
}
