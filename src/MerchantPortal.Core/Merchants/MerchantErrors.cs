using MerchantPortal.Common;

namespace MerchantPortal.Merchants;

/// <summary>The expected failures of merchant administration.</summary>
public static class MerchantErrors
{
    /// <summary>The longest merchant name; the EF configuration and the portal's counter use it too.</summary>
    public const int MaxNameLength = 200;

    public static Error NotAllowed { get; } =
        new("MERCHANT_CHANGE_NOT_ALLOWED", "Only admins can create merchants or change their settings.") { Kind = ErrorKind.Forbidden };

    public static Error NameRequired { get; } = new("MERCHANT_NAME_REQUIRED", "Enter the merchant's name.", "name");

    public static Error NameTooLong { get; } = new("MERCHANT_NAME_TOO_LONG", $"The name can be at most {MaxNameLength} characters.", "name");

    public static Error NameTaken { get; } =
        new("MERCHANT_NAME_TAKEN", "A merchant with this name already exists.", "name") { Kind = ErrorKind.Conflict };

    public static Error NotFound { get; } =
        new("MERCHANT_NOT_FOUND", "That merchant account does not exist.", "merchant_id") { Kind = ErrorKind.NotFound };

    public static Error FeeInvalid { get; } = new("FEE_INVALID", "The fee must be between 0% and 100%.", "fee");

    public static Error TaxInvalid { get; } = new("TAX_INVALID", "The tax must be between 0% and 100%.", "tax");

    public static Error ApprovalThresholdInvalid { get; } = new("REFUND_APPROVAL_THRESHOLD_INVALID",
        "The approval threshold must be an amount of zero or more in the merchant's currency (leave it empty to turn approvals off).",
        "refund_approval_threshold");

    public static Error AutoRefundInvalid { get; } =
        new("AUTO_REFUND_INVALID", "Choose an automatic refund policy and where its refunds go.", "auto_refund");

    public static Error CurrencyInvalid { get; } =
        new("CURRENCY_INVALID", "Enter a three-letter ISO 4217 currency code, like USD or EUR.", "currency");
}
