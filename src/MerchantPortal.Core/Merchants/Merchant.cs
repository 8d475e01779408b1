using MerchantPortal.Common;
using MerchantPortal.Refunds;

namespace MerchantPortal.Merchants;

/// <summary>A merchant account: the business whose orders, customers and balance the portal manages.</summary>
public sealed class Merchant : IVersioned
{
    private Merchant()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>ISO 4217 code of the merchant's balance and default prices.</summary>
    public string Currency { get; private set; } = "";

    /// <summary>The default fee on an order line's subtotal, in basis points (100 = 1%); items may override it.</summary>
    public int FeeBasisPoints { get; private set; }

    /// <summary>The default tax on an order line's subtotal, in basis points; items may override it.</summary>
    public int TaxBasisPoints { get; private set; }

    /// <summary>Refunds of an order above this total (pending ones included) wait for a second person's approval; null: never.</summary>
    public long? RefundApprovalThresholdMinor { get; private set; }

    /// <summary>What is refunded automatically once fulfilment gives up on an order.</summary>
    public AutoRefundPolicy AutoRefund { get; private set; }

    /// <summary>Where automatic refunds of card orders go (balance orders are always refunded to the balance).</summary>
    public RefundDestination AutoRefundDestination { get; private set; }

    /// <summary>Retry fulfilment of partial and failed orders by itself when one of their key items is restocked.</summary>
    public bool RetryOnRestock { get; private set; }

    /// <summary>Whether the merchant's own users may create, revoke and roll its API keys (admins always may).</summary>
    public bool MerchantUsersManageApiKeys { get; private set; }

    /// <summary>
    /// The merchant's users see a banner while the balance is below this many minor units, and get an email when a
    /// movement takes it below (<see cref="Ledger.MerchantBalance.LowBalanceAlertedAt"/>); null: no alert.
    /// </summary>
    public long? LowBalanceThresholdMinor { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When an admin deactivated the account: it takes no new orders, and its history stays; null while active.</summary>
    public DateTime? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public long Version { get; private set; }

    public static Merchant Create(string name, string currency, DateTime createdAt) => new()
    {
        Id = Guid.NewGuid(),
        Name = name.Trim(),
        Currency = currency.ToUpperInvariant(),
        CreatedAt = createdAt,
    };

    public void Rename(string name) => Name = name.Trim();

    public void SetCharges(int feeBasisPoints, int taxBasisPoints)
    {
        FeeBasisPoints = feeBasisPoints;
        TaxBasisPoints = taxBasisPoints;
    }

    public void SetRefundSettings(MerchantRefundSettings settings)
    {
        RefundApprovalThresholdMinor = settings.ApprovalThresholdMinor;
        AutoRefund = settings.AutoRefund;
        AutoRefundDestination = settings.AutoRefundDestination;
        RetryOnRestock = settings.RetryOnRestock;
    }

    public void Deactivate(DateTime at) => DeactivatedAt ??= at;

    public void Reactivate() => DeactivatedAt = null;

    public void SetLowBalanceThreshold(long? thresholdMinor) => LowBalanceThresholdMinor = thresholdMinor;

    public void SetApiKeyManagement(bool merchantUsersManageApiKeys) => MerchantUsersManageApiKeys = merchantUsersManageApiKeys;

    public MerchantRefundSettings RefundSettings =>
        new(RefundApprovalThresholdMinor, AutoRefund, AutoRefundDestination, RetryOnRestock);
}
