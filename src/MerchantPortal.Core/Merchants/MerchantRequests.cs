using MerchantPortal.Refunds;

namespace MerchantPortal.Merchants;

/// <summary>
/// A merchant account with its default fee and tax (basis points: 100 = 1%), its refund settings, and whether its
/// own users may manage its API keys.
/// </summary>
public sealed record MerchantSummary(Guid Id, string Name, string Currency, int FeeBasisPoints = 0, int TaxBasisPoints = 0,
    MerchantRefundSettings? Refunds = null, bool MerchantUsersManageApiKeys = false, DateTime? DeactivatedAt = null)
{
    public bool IsActive => DeactivatedAt is null;

    public MerchantRefundSettings RefundSettings => Refunds ?? MerchantRefundSettings.Default;
}

/// <summary>
/// How a merchant's refunds work: the four-eyes threshold (minor units; null: off), the automatic refund
/// policy and where its refunds go, and whether restocked items retry waiting orders by themselves.
/// </summary>
public sealed record MerchantRefundSettings(
    long? ApprovalThresholdMinor, AutoRefundPolicy AutoRefund, RefundDestination AutoRefundDestination, bool RetryOnRestock)
{
    public static MerchantRefundSettings Default { get; } = new(null, AutoRefundPolicy.Off, RefundDestination.OriginalPaymentMethod, false);
}

/// <summary>A new merchant account with its balance currency and default fee and tax (basis points).</summary>
public sealed record CreateMerchant(string Name, string Currency, int FeeBasisPoints = 0, int TaxBasisPoints = 0);

/// <summary>The merchant's name and its default fee and tax on order lines, in basis points.</summary>
public sealed record UpdateMerchant(string Name, int FeeBasisPoints, int TaxBasisPoints);
