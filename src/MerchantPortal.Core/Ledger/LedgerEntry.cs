using MerchantPortal.Auditing;

namespace MerchantPortal.Ledger;

/// <summary>
/// One immutable movement of a merchant's prepaid balance. The balance is the sum of the entries;
/// <see cref="BalanceAfterMinor"/> records the running total after this one.
/// </summary>
public sealed class LedgerEntry
{
    /// <summary>The longest description (an adjustment's reason); the EF configuration and the portal's counter use it too.</summary>
    public const int MaxDescriptionLength = 500;

    private LedgerEntry()
    {
    }

    public long Id { get; private set; }

    public Guid MerchantId { get; private set; }

    public LedgerEntryKind Kind { get; private set; }

    /// <summary>Positive credits, negative debits, in minor units of <see cref="Currency"/>.</summary>
    public long AmountMinor { get; private set; }

    public string Currency { get; private set; } = "";

    public long BalanceAfterMinor { get; private set; }

    /// <summary>Unique per merchant: the same movement is never booked twice.</summary>
    public string IdempotencyKey { get; private set; } = "";

    public Guid? OrderId { get; private set; }

    public string Description { get; private set; } = "";

    public ActorKind ActorKind { get; private set; }

    public string ActorId { get; private set; } = "";

    public string ActorName { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    internal static LedgerEntry Book(
        Guid merchantId, LedgerEntryKind kind, long amountMinor, string currency, long balanceAfter,
        string idempotencyKey, Guid? orderId, string description, Actor actor, DateTime now) => new()
    {
        MerchantId = merchantId,
        Kind = kind,
        AmountMinor = amountMinor,
        Currency = currency,
        BalanceAfterMinor = balanceAfter,
        IdempotencyKey = idempotencyKey,
        OrderId = orderId,
        Description = description,
        ActorKind = actor.Kind,
        ActorId = actor.Id,
        ActorName = actor.Name,
        CreatedAt = now,
    };
}

public enum LedgerEntryKind
{
    /// <summary>Money added to the balance (a deposit credited by an admin).</summary>
    TopUp,

    /// <summary>An admin's correction, up or down.</summary>
    Adjustment,

    /// <summary>An order paid from the balance.</summary>
    OrderCharge,

    /// <summary>Undelivered units refunded to the balance.</summary>
    Refund,
}
