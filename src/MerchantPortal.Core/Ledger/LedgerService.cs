using MerchantPortal.Auditing;
using MerchantPortal.Caching;
using MerchantPortal.Changes;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Idempotency;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Monetary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Ledger;

/// <summary>
/// Moves merchants' prepaid balances. Every movement is an immutable <see cref="LedgerEntry"/> with an
/// idempotency key, booked in the same transaction as the running total; the balance never goes
/// below zero, however many debits race.
/// </summary>
public sealed partial class LedgerService(
    IDbContextFactory<PortalDb> dbs, AuditTrail audit, JobQueue jobs, IOptions<LedgerOptions> options, IChangeFeed changes, ReferenceCache cache,
    TimeProvider clock)
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

    /// <summary>
    /// An admin's credit or debit with a reason; audited. Every invalid input is reported at once, each at its
    /// field (<see cref="Error.Combine"/>). An amount above the confirmation threshold (<see cref="LedgerOptions"/>)
    /// is booked only when the request says it was confirmed; otherwise the answer is
    /// <see cref="LedgerErrors.ConfirmationRequiredCode"/> with the question to put, in figures and words, and
    /// nothing is booked. Replaying the same key changes nothing.
    /// </summary>
    public async Task<Result<LedgerRow>> AdjustAsync(AdjustBalance request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.AdjustBalance) || !actor.MaySee(request.MerchantId))
        {
            return LedgerErrors.AdjustNotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.Where(m => m.Id == request.MerchantId).Select(m => new { m.Name, m.Currency }).FirstOrDefaultAsync(ct);
        if (merchant is null)
        {
            return LedgerErrors.MerchantNotFound;
        }

        var currency = Currency.Of(merchant.Currency);
        var errors = ValidateAdjustment(request, currency, out var amount);
        var key = $"adjust:{request.IdempotencyKey}";
        var booked = errors.Count == 0 ? await FindBookedAsync(db, request.MerchantId, key, ct) : null;
        if (booked is null && request.Direction == BalanceDirection.Debit && errors.All(e => e.Field != LedgerErrors.AmountRequired.Field))
        {
            // Said up front, with the other errors; the conditional update below still decides under concurrency.
            var available = await AvailableAsync(db, request.MerchantId, currency, ct);
            if (available.Minor < amount.Minor)
            {
                errors.Add(LedgerErrors.DebitExceedsBalance(available));
            }
        }

        if (Error.Combine(errors) is { } invalid)
        {
            return invalid;
        }

        if (booked is null && !request.LargeAmountConfirmed && amount.Minor > options.Value.ConfirmAbove(currency))
        {
            var verb = request.Direction == BalanceDirection.Credit ? "Credit" : "Debit";
            var preposition = request.Direction == BalanceDirection.Credit ? "to" : "from";
            return LedgerErrors.ConfirmationRequired(
                $"{verb} {MoneyWords.Figures(amount)} ({MoneyWords.Words(amount)}) {preposition} {merchant.Name}?");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var reason = request.Reason.Trim();
        var moved = request.Direction == BalanceDirection.Credit
            ? await CreditAsync(db, request.MerchantId, amount, LedgerEntryKind.TopUp, key, null, reason, actor, ct)
            : await DebitAsync(db, request.MerchantId, amount, LedgerEntryKind.Adjustment, key, null, reason, actor, ct);
        if (!moved.Succeeded)
        {
            // Another debit won the race since the check above.
            return moved.Error == LedgerErrors.InsufficientBalance
                ? LedgerErrors.DebitExceedsBalance(await AvailableAsync(db, request.MerchantId, currency, ct))
                : moved.Error!;
        }

        // A replayed key returns the entry already saved (it has an id); only a new movement is audited.
        if (moved.Value.Id == 0)
        {
            audit.Record(db, actor, request.Direction == BalanceDirection.Credit ? AuditActions.BalanceCredited : AuditActions.BalanceDebited,
                "merchant", request.MerchantId.ToString(), $"{request.Direction} {amount}: {reason}", request.MerchantId);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var entry = moved.Value;
        return new LedgerRow(entry.Id, entry.CreatedAt, entry.Kind, entry.AmountMinor, entry.Currency, entry.BalanceAfterMinor,
            entry.Description, entry.OrderId, entry.ActorName);
    }

    /// <summary>Every problem with the adjustment's own values; <paramref name="amount"/> is the amount when it is valid.</summary>
    private static List<Error> ValidateAdjustment(AdjustBalance request, Currency currency, out Money amount)
    {
        var errors = new List<Error>();
        amount = Money.Zero(currency);
        var max = new Money(LedgerErrors.MaxAdjustmentMinor, currency);
        if (request.Amount == 0)
        {
            errors.Add(LedgerErrors.AmountRequired);
        }
        else if (request.Amount < 0)
        {
            errors.Add(LedgerErrors.AmountNegative);
        }
        else if (request.Amount > max.ToMajor())
        {
            // Checked before converting: a huge decimal would not fit the minor units.
            errors.Add(LedgerErrors.AmountTooLarge(max));
        }
        else if (!Money.TryFromMajor(request.Amount, currency, out amount))
        {
            errors.Add(LedgerErrors.AmountTooPrecise(currency));
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add(LedgerErrors.ReasonRequired);
        }
        else if (request.Reason.Trim().Length > LedgerEntry.MaxDescriptionLength)
        {
            errors.Add(LedgerErrors.ReasonTooLong);
        }

        if (string.IsNullOrWhiteSpace(request.IdempotencyKey))
        {
            errors.Add(LedgerErrors.IdempotencyKeyRequired);
        }
        else if (request.IdempotencyKey.Length > IdempotencyErrors.MaxKeyLength)
        {
            errors.Add(LedgerErrors.IdempotencyKeyTooLong);
        }

        return errors;
    }

    private static async Task<Money> AvailableAsync(PortalDb db, Guid merchantId, Currency currency, CancellationToken ct)
    {
        var minor = await db.MerchantBalances.Where(b => b.MerchantId == merchantId && b.Currency == currency.Code)
            .Select(b => (long?)b.AvailableMinor).FirstOrDefaultAsync(ct);
        return new Money(minor ?? 0, currency);
    }

    /// <summary>
    /// Takes <paramref name="amount"/> from the balance inside the caller's transaction, or fails with
    /// <see cref="LedgerErrors.InsufficientBalance"/>. A key already booked returns that entry unchanged.
    /// The caller saves and commits.
    /// </summary>
    internal Task<Result<LedgerEntry>> DebitAsync(
        PortalDb db, Guid merchantId, Money amount, LedgerEntryKind kind, string idempotencyKey, Guid? orderId,
        string description, Actor actor, CancellationToken ct) =>
        MoveAsync(db, merchantId, -amount.Minor, amount.Currency.Code, kind, idempotencyKey, orderId, description, actor, keyMayBeBooked: true, ct);

    /// <summary>
    /// Takes <paramref name="amount"/> from the balance inside the caller's transaction for a new order, or fails
    /// with <see cref="LedgerErrors.InsufficientBalance"/>. The key is the new order's, so it is not looked up; the
    /// key's unique index still refuses a second booking. The caller saves and commits.
    /// </summary>
    internal Task<Result<LedgerEntry>> DebitNewOrderAsync(
        PortalDb db, Guid merchantId, Money amount, string idempotencyKey, Guid orderId, string description, Actor actor, CancellationToken ct) =>
        MoveAsync(db, merchantId, -amount.Minor, amount.Currency.Code, LedgerEntryKind.OrderCharge, idempotencyKey, orderId, description, actor,
            keyMayBeBooked: false, ct);

    /// <summary>Adds <paramref name="amount"/> to the balance inside the caller's transaction; idempotent by key.</summary>
    internal Task<Result<LedgerEntry>> CreditAsync(
        PortalDb db, Guid merchantId, Money amount, LedgerEntryKind kind, string idempotencyKey, Guid? orderId,
        string description, Actor actor, CancellationToken ct) =>
        MoveAsync(db, merchantId, amount.Minor, amount.Currency.Code, kind, idempotencyKey, orderId, description, actor, keyMayBeBooked: true, ct);

    /// <summary>
    /// One conditional update moves the running total (<c>… WHERE AvailableMinor + amount &gt;= 0</c>), so
    /// racing debits can never take it below zero; then the entry is booked with the balance it left.
    /// </summary>
    private async Task<Result<LedgerEntry>> MoveAsync(
        PortalDb db, Guid merchantId, long signedMinor, string currency, LedgerEntryKind kind, string idempotencyKey,
        Guid? orderId, string description, Actor actor, bool keyMayBeBooked, CancellationToken ct)
    {
        if (keyMayBeBooked && await FindBookedAsync(db, merchantId, idempotencyKey, ct) is { } booked)
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
            var entry = await BookAsync(db, merchantId, signedMinor, currency, kind, idempotencyKey, orderId, description, actor, now, ct);
            await FollowLowBalanceAsync(db, merchantId, signedMinor, entry.BalanceAfterMinor, currency, now, ct);
            return entry;
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
            return await MoveAsync(db, merchantId, signedMinor, currency, kind, idempotencyKey, orderId, description, actor, keyMayBeBooked, ct);
        }

        return LedgerErrors.InsufficientBalance;
    }

    private static async Task<LedgerEntry?> FindBookedAsync(PortalDb db, Guid merchantId, string idempotencyKey, CancellationToken ct) =>
        await db.LedgerEntries.AsNoTracking().FirstOrDefaultAsync(e => e.MerchantId == merchantId && e.IdempotencyKey == idempotencyKey, ct);

    private static async Task<LedgerEntry> BookAsync(
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
