using System.Text.Json;
using MerchantPortal.Auditing;
using MerchantPortal.Caching;
using MerchantPortal.Changes;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Monetary;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Ledger;

/// <summary>The low-balance threshold: set by an admin, shown as a banner, emailed once per crossing.</summary>
public sealed partial class LedgerService
{
    /// <summary>
    /// Sets (or, with a null amount, removes) the merchant's low-balance threshold, in major units; audited. Every
    /// invalid value is reported at the <c>threshold</c> field and changes nothing. The alert follows the new
    /// threshold at once: below it, the banner shows and the alert counts as given (no email: nothing moved); at
    /// or above it, the next movement that takes the balance below sends the email.
    /// </summary>
    public async Task<Result<LowBalanceStatus>> SetLowBalanceThresholdAsync(SetLowBalanceThreshold request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageMerchants))
        {
            return LedgerErrors.ThresholdNotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.FirstOrDefaultAsync(m => m.Id == request.MerchantId, ct);
        if (merchant is null)
        {
            return LedgerErrors.MerchantNotFound;
        }

        var currency = Currency.Of(merchant.Currency);
        if (ValidateThreshold(request.Amount, currency, out var threshold) is { } invalid)
        {
            return invalid;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        merchant.SetLowBalanceThreshold(threshold?.Minor);
        audit.Record(db, actor, AuditActions.LowBalanceThresholdSet, "merchant", merchant.Id.ToString(),
            threshold is { } t ? $"Set {merchant.Name}'s low-balance alert to {t}" : $"Removed {merchant.Name}'s low-balance alert", merchant.Id);
        changes.Add(db, ChangeTopics.Merchant, ReferenceCache.MerchantKey(merchant.Id));
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (threshold is { Minor: var minor })
        {
            await db.MerchantBalances.Where(b => b.MerchantId == merchant.Id && b.LowBalanceAlertedAt == null && b.AvailableMinor < minor)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LowBalanceAlertedAt, now), ct);
            await db.MerchantBalances.Where(b => b.MerchantId == merchant.Id && b.LowBalanceAlertedAt != null && b.AvailableMinor >= minor)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LowBalanceAlertedAt, (DateTime?)null), ct);
        }
        else
        {
            await db.MerchantBalances.Where(b => b.MerchantId == merchant.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LowBalanceAlertedAt, (DateTime?)null), ct);
        }

        await tx.CommitAsync(ct);
        cache.ForgetMerchant(merchant.Id);
        return (await StatusAsync(db, merchant.Id, ct))!;
    }

    /// <summary>The merchant's balance against its threshold; null if the actor may not see the merchant or it has none.</summary>
    public async Task<LowBalanceStatus?> GetLowBalanceAsync(Guid merchantId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.MaySee(merchantId))
        {
            return null;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await StatusAsync(db, merchantId, ct);
    }

    /// <summary>
    /// Every problem with a threshold: negative, more decimals than the currency has, or above the largest
    /// amount a balance movement may have (<see cref="LedgerErrors.MaxAdjustmentMinor"/>). Null when valid.
    /// </summary>
    public static Error? ValidateThreshold(decimal? amount, Currency currency, out Money? threshold)
    {
        threshold = null;
        if (amount is not { } value)
        {
            return null;
        }

        var max = new Money(LedgerErrors.MaxAdjustmentMinor, currency);
        var errors = new List<Error>();
        if (value < 0)
        {
            errors.Add(LedgerErrors.ThresholdNegative);
        }

        if (Math.Abs(value) > max.ToMajor())
        {
            // Checked before converting: a huge decimal would not fit the minor units.
            errors.Add(LedgerErrors.ThresholdTooLarge(max));
        }
        else if (!Money.TryFromMajor(Math.Abs(value), currency, out var money))
        {
            errors.Add(LedgerErrors.ThresholdTooPrecise(currency));
        }
        else if (errors.Count == 0)
        {
            threshold = money;
        }

        return Error.Combine(errors);
    }

    private static async Task<LowBalanceStatus?> StatusAsync(PortalDb db, Guid merchantId, CancellationToken ct)
    {
        var row = await db.Merchants.AsNoTracking().Where(m => m.Id == merchantId)
            .Select(m => new
            {
                m.Currency,
                m.LowBalanceThresholdMinor,
                Available = db.MerchantBalances.Where(b => b.MerchantId == m.Id).Select(b => (long?)b.AvailableMinor).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var currency = Currency.Of(row.Currency);
        var balance = new Money(row.Available ?? 0, currency);
        return new LowBalanceStatus(balance, row.LowBalanceThresholdMinor is { } t ? new Money(t, currency) : null);
    }

    /// <summary>
    /// After a movement (inside its transaction): a debit that leaves the balance below the threshold while the
    /// alert is armed disarms it and queues one email per merchant user; a credit that brings it back to or above
    /// the threshold re-arms it. The disarming is one conditional update on the balance row the debit has just
    /// written, so of two debits crossing at once only one finds the alert armed.
    /// </summary>
    private async Task FollowLowBalanceAsync(
        PortalDb db, Guid merchantId, long signedMinor, long balanceAfter, string currency, DateTime now, CancellationToken ct)
    {
        var threshold = await db.Merchants.Where(m => m.Id == merchantId).Select(m => m.LowBalanceThresholdMinor).FirstOrDefaultAsync(ct);
        if (threshold is not { } limit)
        {
            return;
        }

        if (signedMinor > 0)
        {
            await db.MerchantBalances.Where(b => b.MerchantId == merchantId && b.LowBalanceAlertedAt != null && b.AvailableMinor >= limit)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LowBalanceAlertedAt, (DateTime?)null), ct);
            return;
        }

        var disarmed = await db.MerchantBalances.Where(b => b.MerchantId == merchantId && b.LowBalanceAlertedAt == null && b.AvailableMinor < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LowBalanceAlertedAt, now), ct);
        if (disarmed == 0)
        {
            return;
        }

        var users = await db.Users.Where(u => u.MerchantId == merchantId && u.Email != null).Select(u => u.Id).ToListAsync(ct);
        foreach (var userId in users)
        {
            jobs.Enqueue(db, JobTypes.LowBalanceEmail,
                JsonSerializer.Serialize(new LowBalanceAlert(merchantId, userId, balanceAfter, limit, currency)));
        }
    }
}

/// <summary>Sets a merchant's low-balance threshold in major units (12.50); null removes it.</summary>
public sealed record SetLowBalanceThreshold(Guid MerchantId, decimal? Amount);

/// <summary>A merchant's balance and its threshold; <see cref="IsLow"/> while the balance is below it.</summary>
public sealed record LowBalanceStatus(Money Balance, Money? Threshold)
{
    public bool IsLow => Threshold is { } t && Balance.Minor < t.Minor;
}

/// <summary>The payload of one low-balance email: who to tell, and the balance the crossing left.</summary>
internal sealed record LowBalanceAlert(Guid MerchantId, string UserId, long BalanceMinor, long ThresholdMinor, string Currency);
