namespace MerchantPortal.Ledger;

/// <summary>
/// An admin's credit or debit of a merchant's balance, in major units (12.50), with the reason. Amounts
/// above <see cref="LedgerOptions.ConfirmAboveMinor"/> are booked only with <paramref name="LargeAmountConfirmed"/>:
/// without it the service answers <see cref="LedgerErrors.ConfirmationRequiredCode"/> with the question to ask.
/// </summary>
public sealed record AdjustBalance(
    Guid MerchantId, BalanceDirection Direction, decimal Amount, string Reason, string IdempotencyKey, bool LargeAmountConfirmed = false);

public enum BalanceDirection
{
    Credit,
    Debit,
}

/// <summary>A ledger entry as the balance page lists it.</summary>
public sealed record LedgerRow(
    long Id, DateTime CreatedAt, LedgerEntryKind Kind, long AmountMinor, string Currency, long BalanceAfterMinor,
    string Description, Guid? OrderId, string ActorName);
