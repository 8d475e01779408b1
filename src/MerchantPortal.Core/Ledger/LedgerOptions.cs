using MerchantPortal.Monetary;

namespace MerchantPortal.Ledger;

/// <summary>
/// The <c>Ledger</c> configuration section: how large a manual credit or debit may be before the person
/// booking it must confirm the amount once more (<see cref="AdjustBalance.LargeAmountConfirmed"/>).
/// </summary>
public sealed class LedgerOptions
{
    public const string SectionName = "Ledger";

    /// <summary>Adjustments above this many minor units need a confirmation: 1,000,000 is 10,000.00 in a two-decimal currency.</summary>
    public long ConfirmAboveMinor { get; set; } = 1_000_000;

    /// <summary>Per-currency thresholds in that currency's minor units (e.g. <c>JPY</c>: 1500000), overriding <see cref="ConfirmAboveMinor"/>.</summary>
    public Dictionary<string, long> ConfirmAboveMinorByCurrency { get; set; } = [];

    /// <summary>The threshold for amounts in <paramref name="currency"/>, in its minor units.</summary>
    public long ConfirmAbove(Currency currency)
    {
        foreach (var (code, minor) in ConfirmAboveMinorByCurrency)
        {
            if (string.Equals(code, currency.Code, StringComparison.OrdinalIgnoreCase))
            {
                return minor;
            }
        }

        return ConfirmAboveMinor;
    }

    /// <summary>Every threshold must be positive: a zero or negative one would ask to confirm every cent.</summary>
    internal bool IsValid() => ConfirmAboveMinor > 0 && ConfirmAboveMinorByCurrency.Values.All(v => v > 0);
}
