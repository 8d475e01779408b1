using System.Collections.Frozen;
using System.Globalization;

namespace MerchantPortal.Monetary;

/// <summary>
/// An amount spelled out for a confirmation, the way a cheque does: in figures with the ISO code
/// ("USD 12,500.00") and in English words ("twelve thousand five hundred US dollars"), so a slip of a
/// digit or of the decimal point is seen before money moves.
/// </summary>
public static class MoneyWords
{
    private sealed record Names(string One, string Many, string? MinorOne = null, string? MinorMany = null);

    // The currencies merchants use most; others are named by their ISO code.
    private static readonly FrozenDictionary<string, Names> CurrencyNames = new Dictionary<string, Names>
    {
        ["USD"] = new("US dollar", "US dollars", "cent", "cents"),
        ["EUR"] = new("euro", "euros", "cent", "cents"),
        ["GBP"] = new("pound sterling", "pounds sterling", "penny", "pence"),
        ["JPY"] = new("Japanese yen", "Japanese yen"),
        ["KRW"] = new("South Korean won", "South Korean won"),
        ["CNY"] = new("Chinese yuan", "Chinese yuan", "fen", "fen"),
        ["INR"] = new("Indian rupee", "Indian rupees", "paisa", "paise"),
        ["CAD"] = new("Canadian dollar", "Canadian dollars", "cent", "cents"),
        ["AUD"] = new("Australian dollar", "Australian dollars", "cent", "cents"),
        ["NZD"] = new("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
        ["HKD"] = new("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
        ["SGD"] = new("Singapore dollar", "Singapore dollars", "cent", "cents"),
        ["MXN"] = new("Mexican peso", "Mexican pesos", "centavo", "centavos"),
        ["BRL"] = new("Brazilian real", "Brazilian reais", "centavo", "centavos"),
        ["CHF"] = new("Swiss franc", "Swiss francs", "centime", "centimes"),
        ["SEK"] = new("Swedish krona", "Swedish kronor", "öre", "öre"),
        ["NOK"] = new("Norwegian krone", "Norwegian kroner", "øre", "øre"),
        ["DKK"] = new("Danish krone", "Danish kroner", "øre", "øre"),
        ["PLN"] = new("Polish złoty", "Polish złoty", "grosz", "groszy"),
        ["ZAR"] = new("South African rand", "South African rand", "cent", "cents"),
        ["ILS"] = new("Israeli new shekel", "Israeli new shekels", "agora", "agorot"),
        ["TRY"] = new("Turkish lira", "Turkish lira", "kuruş", "kuruş"),
        ["KWD"] = new("Kuwaiti dinar", "Kuwaiti dinars", "fils", "fils"),
        ["BHD"] = new("Bahraini dinar", "Bahraini dinars", "fils", "fils"),
    }.ToFrozenDictionary();

    private static readonly string[] Ones =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (long Scale, string Name)[] Scales =
    [
        (1_000_000_000_000_000_000, "quintillion"), (1_000_000_000_000_000, "quadrillion"), (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"),
    ];

    /// <summary>The amount in figures with its ISO code, e.g. "USD 12,500.00", "JPY 1,200", "KWD 1.250".</summary>
    public static string Figures(Money money)
    {
        var number = Math.Abs(money.ToMajor()).ToString($"N{money.Currency.Exponent}", CultureInfo.InvariantCulture);
        return $"{(money.IsNegative ? "-" : "")}{money.Currency.Code} {number}";
    }

    /// <summary>
    /// The amount in words, e.g. "twelve thousand five hundred US dollars", "one euro and five cents";
    /// a currency without names here reads "two hundred CHF and 50/100"-style with its code.
    /// </summary>
    public static string Words(Money money)
    {
        var currency = money.Currency;
        var scale = (long)Math.Pow(10, currency.Exponent);
        var absolute = Math.Abs(money.Minor);
        var major = absolute / scale;
        var minor = absolute % scale;
        var sign = money.IsNegative ? "minus " : "";
        if (!CurrencyNames.TryGetValue(currency.Code, out var names))
        {
            var fraction = minor == 0 ? "" : $" and {minor.ToString($"D{currency.Exponent}", CultureInfo.InvariantCulture)}/{scale}";
            return $"{sign}{Number(major)} {currency.Code}{fraction}";
        }

        var majorWords = $"{Number(major)} {(major == 1 ? names.One : names.Many)}";
        if (minor == 0 || names.MinorOne is null)
        {
            return minor == 0
                ? sign + majorWords
                : $"{sign}{majorWords} and {minor.ToString($"D{currency.Exponent}", CultureInfo.InvariantCulture)}/{scale}";
        }

        var minorWords = $"{Number(minor)} {(minor == 1 ? names.MinorOne : names.MinorMany)}";
        return major == 0 ? sign + minorWords : $"{sign}{majorWords} and {minorWords}";
    }

    /// <summary>A whole number in English words, e.g. 12500 → "twelve thousand five hundred".</summary>
    public static string Number(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value == 0)
        {
            return Ones[0];
        }

        var parts = new List<string>();
        foreach (var (scale, name) in Scales)
        {
            if (value >= scale)
            {
                parts.Add($"{BelowThousand(value / scale)} {name}");
                value %= scale;
            }
        }

        if (value > 0)
        {
            parts.Add(BelowThousand(value));
        }

        return string.Join(" ", parts);
    }

    private static string BelowThousand(long value)
    {
        var hundreds = value / 100;
        var rest = value % 100;
        var words = hundreds > 0 ? $"{Ones[hundreds]} hundred" : "";
        if (rest == 0)
        {
            return words;
        }

        var tail = rest < 20 ? Ones[rest] : rest % 10 == 0 ? Tens[rest / 10] : $"{Tens[rest / 10]}-{Ones[rest % 10]}";
        return words.Length == 0 ? tail : $"{words} {tail}";
    }
}
