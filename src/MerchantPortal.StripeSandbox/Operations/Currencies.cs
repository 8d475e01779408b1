using System.Globalization;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>The currencies Stripe charges in, which have no minor unit, and the smallest amounts it accepts.</summary>
internal static class Currencies
{
    private static readonly HashSet<string> Supported = new(
        ("usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bif bmd bnd bob brl bsd bwp byn bzd cad cdf chf clp cny " +
         "cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils inr isk jmd " +
         "jpy kes kgs khr kmf krw kyd kzt lak lbp lkr lrd lsl mad mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio " +
         "nok npr nzd pab pen pgk php pkr pln pyg qar ron rsd rub rwf sar sbd scr sek sgd shp sle sos srd std szl thb tjs top " +
         "try ttd twd tzs uah ugx uyu uzs vnd vuv wst xaf xcd xof xpf yer zar zmw").Split(' '),
        StringComparer.Ordinal);

    private static readonly HashSet<string> ZeroDecimal = new(
        ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"],
        StringComparer.Ordinal);

    /// <summary>Stripe's minimum charge amounts, in minor units, for the currencies that have one.</summary>
    private static readonly Dictionary<string, long> Minimums = new(StringComparer.Ordinal)
    {
        ["usd"] = 50, ["aed"] = 200, ["aud"] = 50, ["bgn"] = 100, ["brl"] = 50, ["cad"] = 50, ["chf"] = 50, ["czk"] = 1500,
        ["dkk"] = 250, ["eur"] = 50, ["gbp"] = 30, ["hkd"] = 400, ["huf"] = 17500, ["inr"] = 50, ["jpy"] = 50, ["mxn"] = 1000,
        ["myr"] = 200, ["nok"] = 300, ["nzd"] = 50, ["pln"] = 200, ["ron"] = 200, ["sek"] = 300, ["sgd"] = 50, ["thb"] = 1000,
    };

    public static bool IsSupported(string currency) => Supported.Contains(currency);

    public static long Minimum(string currency) => Minimums.GetValueOrDefault(currency, 1);

    /// <summary>An amount in minor units written the way Stripe's messages write it, e.g. <c>$10.00</c> or <c>10.00 eur</c>.</summary>
    public static string Format(long amount, string currency)
    {
        if (ZeroDecimal.Contains(currency))
        {
            return $"{amount.ToString(CultureInfo.InvariantCulture)} {currency}";
        }

        var major = (amount / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        return currency == "usd" ? $"${major}" : $"{major} {currency}";
    }
}
