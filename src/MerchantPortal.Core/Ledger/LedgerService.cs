using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Monetary;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Ledger;

/// <summary>
/// Moves merchants' prepaid balances. Every movement is an immutable <see cref="LedgerEntry"/> with an
/// idempotency key, booked in the same transaction as the running total; the balance never goes
/// below zero, however many debits race.
/// </summary>
public sealed class LedgerService(IDbContextFactory<PortalDb> dbs, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The merchant's available balance; null if the merchant does not exist or the actor may not see it.</summary>
    public async Task<Money?> GetBalanceAsync(Guid merchantId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.MaySee(merchantId))
        {
            return null;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var balance = await db.MerchantBalances.AsNoTracking().FirstOrDefaultAsync(b => b.MerchantId == merchantId, ct);
        if (balance is not null)
        {
            return new Money(balance.AvailableMinor, Currency.Of(balance.Currency));
        }

        var currency = await db.Merchants.Where(m => m.Id == merchantId).Select(m => m.Currency).FirstOrDefaultAsync(ct);
        return currency is null ? null : Money.Zero(Currency.Of(currency));
    }

    /// <summary>The merchant's ledger entries, newest first; empty if the actor may not see the merchant.</summary>
    public async Task<Page<LedgerRow>> HistoryAsync(Guid merchantId, int page, int pageSize, Actor actor, CancellationToken ct = default)
    {
        if (!actor.MaySee(merchantId))
        {
            return new Page<LedgerRow>([], 0);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.MerchantId == merchantId);
        var total = await entries.CountAsync(ct);
        var rows = await entries.OrderByDescending(e => e.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(e => new LedgerRow(e.Id, e.CreatedAt, e.Kind, e.AmountMinor, e.Currency, e.BalanceAfterMinor, e.Description, e.OrderId, e.ActorName))
            .ToListAsync(ct);
        return new Page<LedgerRow>(rows, total);
    }

    /// <summary>An admin's credit or debit with a reason; audited. Replaying the same key changes nothing.</summary>
    public async Task<Result<LedgerRow>> AdjustAsync(AdjustBalance request, Actor actor, CancellationToken ct = default)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add(LedgerErrors.ReasonRequired);
        }
        else if (request.Reason.Trim().Length > 500)
        {
            errors.Add(LedgerErrors.ReasonTooLong);
        }

        if (string.IsNullOrWhiteSpace(request.IdempotencyKey))
        {
            errors.Add(LedgerErrors.IdempotencyKeyRequired);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var currencyCode = await db.Merchants.Where(m => m.Id == request.MerchantId).Select(m => m.Currency).FirstOrDefaultAsync(ct);
        if (currencyCode is null)
        {
            return LedgerErrors.MerchantNotFound;
        }

        var amount = Money.Zero(Currency.Of(currencyCode));
        if (request.Amount <= 0 || !Money.TryFromMajor(request.Amount, Currency.Of(currencyCode), out amount))
        {
            errors.Add(LedgerErrors.AmountInvalid);
        }

        if (Error.Combine(errors) is { } invalid)
        {
            return invalid;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var reason = request.Reason.Trim();
        var key = $"adjust:{request.IdempotencyKey}";
        var booked = request.Direction == BalanceDirection.Credit
            ? await CreditAsync(db, request.MerchantId, amount, LedgerEntryKind.TopUp, key, null, reason, actor, ct)
            : await DebitAsync(db, request.MerchantId, amount, LedgerEntryKind.Adjustment, key, null, reason, actor, ct);
        if (!booked.Succeeded)
        {
            return booked.Error!;
        }

        // A replayed key returns the entry already saved (it has an id); only a new movement is audited.
        if (booked.Value.Id == 0)
        {
            audit.Record(db, actor, request.Direction == BalanceDirection.Credit ? AuditActions.BalanceCredited : AuditActions.BalanceDebited,
                "merchant", request.MerchantId.ToString(), $"{request.Direction} {amount}: {reason}", request.MerchantId);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var entry = booked.Value;
        return new LedgerRow(entry.Id, entry.CreatedAt, entry.Kind, entry.AmountMinor, entry.Currency, entry.BalanceAfterMinor,
            entry.Description, entry.OrderId, entry.ActorName);
    }

    /// <summary>
    /// Takes <paramref name="amount"/> from the balance inside the caller's transaction, or fails with
    /// <see cref="LedgerErrors.InsufficientBalance"/>. A key already booked returns that entry unchanged.
    /// The caller saves and commits.
    /// </summary>
    internal Task<Result<LedgerEntry>> DebitAsync(
        PortalDb db, Guid merchantId, Money amount, LedgerEntryKind kind, string idempotencyKey, Guid? orderId,
        string description, Actor actor, CancellationToken ct) =>
        MoveAsync(db, merchantId, -amount.Minor, amount.Currency.Code, kind, idempotencyKey, orderId, description, actor, ct);

    /// <summary>Adds <paramref name="amount"/> to the balance inside the caller's transaction; idempotent by key.</summary>
    internal Task<Result<LedgerEntry>> CreditAsync(
        PortalDb db, Guid merchantId, Money amount, LedgerEntryKind kind, string idempotencyKey, Guid? orderId,
        string description, Actor actor, CancellationToken ct) =>
        MoveAsync(db, merchantId, amount.Minor, amount.Currency.Code, kind, idempotencyKey, orderId, description, actor, ct);

    /// <summary>
    /// One conditional update moves the running total (<c>… WHERE AvailableMinor + amount &gt;= 0</c>), so
    /// racing debits can never take it below zero; then the entry is booked with the balance it left.
    /// </summary>
    private async Task<Result<LedgerEntry>> MoveAsync(
        PortalDb db, Guid merchantId, long signedMinor, string currency, LedgerEntryKind kind, string idempotencyKey,
        Guid? orderId, string description, Actor actor, CancellationToken ct)
    {
        if (await FindBookedAsync(db, merchantId, idempotencyKey, ct) is { } booked)
        {
            return booked;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var moved = await db.MerchantBalances
            .Where(b => b.MerchantId == merchantId && b.Currency == currency && b.AvailableMinor + signedMinor >= 0)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.AvailableMinor, b => b.AvailableMinor + signedMinor)
                .SetProperty(b => b.UpdatedAt, now), ct);
        if (moved == 1)
        {
            return await BookAsync(db, merchantId, signedMinor, currency, kind, idempotencyKey, orderId, description, actor, now, ct);
        }

        var balanceCurrency = await db.MerchantBalances.Where(b => b.MerchantId == merchantId).Select(b => b.Currency).FirstOrDefaultAsync(ct);
        if (balanceCurrency is not null && balanceCurrency != currency)
        {
            return LedgerErrors.CurrencyMismatch(balanceCurrency, currency);
        }

        if (balanceCurrency is null && signedMinor > 0)
        {
            // The first credit of a merchant created before balances existed opens its balance.
            db.MerchantBalances.Add(MerchantBalance.Open(merchantId, currency, now));
            await db.SaveChangesAsync(ct);
            return await MoveAsync(db, merchantId, signedMinor, currency, kind, idempotencyKey, orderId, description, actor, ct);
        }

        return LedgerErrors.InsufficientBalance;
    }

    private static async Task<LedgerEntry?> FindBookedAsync(PortalDb db, Guid merchantId, string idempotencyKey, CancellationToken ct) =>
        await db.LedgerEntries.AsNoTracking().FirstOrDefaultAsync(e => e.MerchantId == merchantId && e.IdempotencyKey == idempotencyKey, ct);

    private static async Task<Result<LedgerEntry>> BookAsync(
        PortalDb db, Guid merchantId, long signedMinor, string currency, LedgerEntryKind kind, string idempotencyKey,
        Guid? orderId, string description, Actor actor, DateTime now, CancellationToken ct)
    {
        // Read inside the transaction that just changed the row: no other writer can move it before commit.
        var balanceAfter = await db.MerchantBalances.Where(b => b.MerchantId == merchantId).Select(b => b.AvailableMinor).SingleAsync(ct);
        var entry = LedgerEntry.Book(merchantId, kind, signedMinor, currency, balanceAfter, idempotencyKey, orderId, description, actor, now);
        db.LedgerEntries.Add(entry);
        return entry;
    }
}
