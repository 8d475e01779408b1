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

    internal static MerchantBalance Open(Guid merchantId, string currency, DateTime now) =>
        new() { MerchantId = merchantId, Currency = currency, UpdatedAt = now };
}
