using System.Globalization;

namespace MerchantPortal.Monetary;

/// <summary>
/// An amount in integer minor units of one currency (cents for USD, yen for JPY, fils for KWD).
/// Arithmetic refuses to mix currencies; splitting uses the largest-remainder method so the parts
/// always add up to the whole.
/// </summary>
public readonly record struct Money(long Minor, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>An amount in major units (12.50) that must be exact in the currency's minor unit.</summary>
    public static bool TryFromMajor(decimal major, Currency currency, out Money money)
    {
        var minor = major * Pow10(currency.Exponent);
        if (minor != decimal.Truncate(minor) || minor > long.MaxValue || minor < long.MinValue)
        {
            money = default;
            return false;
        }

        money = new Money((long)minor, currency);
        return true;
    }

    /// <summary>The amount in major units, e.g. 1250 cents → 12.50.</summary>
    public decimal ToMajor() => Minor / Pow10(Currency.Exponent);

    public bool IsZero => Minor == 0;

    public bool IsNegative => Minor < 0;

    public static Money operator +(Money left, Money right) => new(checked(left.Minor + right.Minor), SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(checked(left.Minor - right.Minor), SameCurrency(left, right));

    public static Money operator -(Money value) => new(checked(-value.Minor), value.Currency);

    public static Money operator *(Money value, long factor) => new(checked(value.Minor * factor), value.Currency);

    public static bool operator >(Money left, Money right) => left.Minor > SameCurrencyMinor(left, right);

    public static bool operator <(Money left, Money right) => left.Minor < SameCurrencyMinor(left, right);

    public static bool operator >=(Money left, Money right) => left.Minor >= SameCurrencyMinor(left, right);

    public static bool operator <=(Money left, Money right) => left.Minor <= SameCurrencyMinor(left, right);

    /// <summary>This amount times a rate in basis points (1/100 of a percent), rounded half to even.</summary>
    public Money MultiplyBasisPoints(long basisPoints) =>
        new(RoundHalfEven(Minor * (decimal)basisPoints / 10_000m), Currency);

    /// <summary>
    /// Splits the amount in proportion to <paramref name="weights"/> by the largest-remainder method:
    /// every part is the floor of its exact share, and the leftover minor units go one each to the parts
    /// with the largest remainders (earlier parts first on ties). The parts always sum to this amount.
    /// </summary>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfZero(weights.Count, nameof(weights));
        if (weights.Any(w => w < 0) || weights.All(w => w == 0))
        {
            throw new ArgumentException("Weights must be non-negative and not all zero.", nameof(weights));
        }

        var sign = Math.Sign(Minor);
        var whole = (Int128)Math.Abs(Minor);
        Int128 totalWeight = 0;
        foreach (var weight in weights)
        {
            totalWeight += weight;
        }

        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        Int128 allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = whole * weights[i];
            parts[i] = (long)(exact / totalWeight);
            remainders[i] = exact % totalWeight;
            allocated += parts[i];
        }

        var leftover = (long)(whole - allocated);
        foreach (var index in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)leftover))
        {
            parts[index]++;
        }

        var currency = Currency;
        return [.. parts.Select(p => new Money(sign * p, currency))];
    }

    /// <summary>Splits the amount into <paramref name="count"/> parts as equal as possible, larger parts first.</summary>
    public IReadOnlyList<Money> Allocate(int count) => Allocate([.. Enumerable.Repeat(1L, count)]);

    /// <summary>Rounds to the nearest whole number, ties to the even neighbour (banker's rounding).</summary>
    public static long RoundHalfEven(decimal value) => (long)decimal.Round(value, 0, MidpointRounding.ToEven);

    /// <summary>The amount for people, e.g. "$12.00", "€1,234.50", "¥1,200", "KWD 1.250".</summary>
    public override string ToString()
    {
        var number = Math.Abs(ToMajor()).ToString($"N{Currency.Exponent}", CultureInfo.InvariantCulture);
        var sign = Minor < 0 ? "-" : "";
        return CurrencySymbols.TryGet(Currency.Code, out var symbol)
            ? $"{sign}{symbol}{number}"
            : $"{sign}{Currency.Code} {number}";
    }

    private static decimal Pow10(int exponent) => exponent switch
    {
        0 => 1m,
        2 => 100m,
        3 => 1000m,
        _ => (decimal)Math.Pow(10, exponent),
    };

    private static Currency SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new InvalidOperationException($"Cannot combine {left.Currency} and {right.Currency} amounts.");

    private static long SameCurrencyMinor(Money left, Money right)
    {
        SameCurrency(left, right);
        return right.Minor;
    }
}
