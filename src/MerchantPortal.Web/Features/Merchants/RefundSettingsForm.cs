using System.Globalization;
using MerchantPortal.Common;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;
using MerchantPortal.Refunds;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>
/// A merchant's refund settings as the dialog edits them: the approval threshold as typed, in major units of the
/// merchant's currency (empty: no approvals), and the rest as chosen.
/// </summary>
public sealed class RefundSettingsForm
{
    /// <summary>The field the service names for the threshold; the dialog shows its errors there.</summary>
    public const string ThresholdField = "refund_approval_threshold";

    /// <summary>The field the service names for the automatic refund policy.</summary>
    public const string AutoRefundField = "auto_refund";

    public string? Threshold { get; set; }

    public AutoRefundPolicy AutoRefund { get; set; }

    public RefundDestination AutoRefundDestination { get; set; }

    public bool RetryOnRestock { get; set; }

    public static RefundSettingsForm From(MerchantRefundSettings settings, Currency currency) => new()
    {
        Threshold = settings.ApprovalThresholdMinor is { } minor ? MajorText(new Money(minor, currency)) : null,
        AutoRefund = settings.AutoRefund,
        AutoRefundDestination = settings.AutoRefundDestination,
        RetryOnRestock = settings.RetryOnRestock,
    };

    /// <summary>The settings to save, or the error at the threshold when it is not an amount the currency can hold.</summary>
    public Result<MerchantRefundSettings> ToSettings(Currency currency)
    {
        var threshold = ParseThreshold(Threshold, currency);
        return threshold.Succeeded
            ? new MerchantRefundSettings(threshold.Value, AutoRefund, AutoRefundDestination, RetryOnRestock)
            : threshold.Error!;
    }

    /// <summary>
    /// Reads a threshold typed in major units ("250", "250.00"): empty is no threshold; a negative amount, text, or more
    /// decimals than the currency has are refused with a message for the field.
    /// </summary>
    public static Result<long?> ParseThreshold(string? text, Currency currency)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<long?>.From(null);
        }

        const NumberStyles styles = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign
            | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands;
        if (!decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out var major))
        {
            return Invalid($"Enter an amount in {currency.Code}, such as 250, or leave it empty to turn approvals off.");
        }

        if (major < 0)
        {
            return Invalid("The threshold cannot be negative. Use 0 to ask for approval of every refund, or leave it empty to turn approvals off.");
        }

        if (!Money.TryFromMajor(major, currency, out var money))
        {
            return Invalid(currency.Exponent == 0
                ? $"{currency.Code} amounts have no decimals."
                : $"{currency.Code} amounts have at most {currency.Exponent} decimals.");
        }

        return Result<long?>.From(money.Minor);
    }

    /// <summary>An amount as typed in the field: major units with the currency's decimals, no symbol or grouping.</summary>
    public static string MajorText(Money money) =>
        money.ToMajor().ToString("F" + money.Currency.Exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static Error Invalid(string message) => MerchantErrors.ApprovalThresholdInvalid with { Message = message };
}
