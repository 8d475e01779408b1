namespace MerchantPortal.Ledger;

/// <summary>
/// The running total of a merchant's ledger, kept in the same transaction as each entry so a debit is
/// one conditional update (<c>… WHERE AvailableMinor &gt;= amount</c>) that is safe under concurrency.
/// </summary>
public sealed class MerchantBalance
{
    private MerchantBalance()
    {
    }

    public Guid MerchantId { get; private set; }

    public string Currency { get; private set; } = "";

    public long AvailableMinor { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// When the balance last fell below the merchant's low-balance threshold and its users were emailed; null while
    /// the alert is armed. Set by one conditional update, so of two debits crossing at once only one sends the email;
    /// cleared when the balance is back at or above the threshold.
    /// </summary>
    public DateTime? LowBalanceAlertedAt { get; private set; }

    internal static MerchantBalance Open(Guid merchantId, string currency, DateTime now) =>
        new() { MerchantId = merchantId, Currency = currency, UpdatedAt = now };
}
