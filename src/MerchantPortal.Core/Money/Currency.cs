using System.Collections.Frozen;

namespace MerchantPortal.Monetary;

/// <summary>An ISO 4217 currency and the number of digits of its minor unit (USD 2, JPY 0, KWD 3).</summary>
public sealed record Currency(string Code, int Exponent)
{
    // Active ISO 4217 codes whose minor unit is not 2 digits; every other listed code has 2.
    private static readonly FrozenDictionary<string, int> NonDecimalExponents = new Dictionary<string, int>
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0,
        ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    }.ToFrozenDictionary();

    private static readonly FrozenSet<string> TwoDigitCodes = new[]
    {
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD",
        "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CNY", "COP", "CRC", "CUP",
        "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP",
        "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR",
        "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP",
        "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN",
        "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP",
        "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD",
        "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "YER", "ZAR", "ZMW", "ZWG",
    }.ToFrozenSet();

    /// <summary>Finds an ISO 4217 currency by its three-letter code (any case).</summary>
    public static bool TryGet(string? code, out Currency currency)
    {
        var upper = code?.Trim().ToUpperInvariant() ?? "";
        if (NonDecimalExponents.TryGetValue(upper, out var exponent))
        {
            currency = new Currency(upper, exponent);
            return true;
        }

        if (TwoDigitCodes.Contains(upper))
        {
            currency = new Currency(upper, 2);
            return true;
        }

        currency = null!;
        return false;
    }

    /// <summary>The currency with this code; throws for a code that is not ISO 4217.</summary>
    public static Currency Of(string code) =>
        TryGet(code, out var currency) ? currency : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code.", nameof(code));

    public override string ToString() => Code;
}
