using MerchantPortal.Auditing;
using MerchantPortal.Caching;
using MerchantPortal.Changes;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using MerchantPortal.Refunds;
using Microsoft.EntityFrameworkCore;
using System.Linq.Expressions;

namespace MerchantPortal.Merchants;

/// <summary>
/// Reads, creates, renames and deactivates merchant accounts and sets their charges and refund settings. Every change
/// publishes a <see cref="ChangeTopics.Merchant"/> notice with it, so every instance's <see cref="ReferenceCache"/> drops the old one.
/// </summary>
public sealed class MerchantService(
    IDbContextFactory<PortalDb> dbs, AuditTrail audit, IChangeFeed changes, ReferenceCache cache, TimeProvider clock)
{
    /// <summary>The largest four-eyes threshold, in minor units (ten billion major units).</summary>
    public const long MaxApprovalThresholdMinor = 1_000_000_000_000;

    private static readonly Expression<Func<Merchant, MerchantSummary>> ToSummary = m => new MerchantSummary(
        m.Id, m.Name, m.Currency, m.FeeBasisPoints, m.TaxBasisPoints,
        new MerchantRefundSettings(m.RefundApprovalThresholdMinor, m.AutoRefund, m.AutoRefundDestination, m.RetryOnRestock),
        m.MerchantUsersManageApiKeys, m.DeactivatedAt);

    private static readonly Func<Merchant, MerchantSummary> Summarize = ToSummary.Compile();

    public async Task<IReadOnlyList<MerchantSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Merchants.AsNoTracking()
            .OrderBy(m => m.Name)
            .Select(ToSummary)
            .ToListAsync(ct);
    }

    public async Task<MerchantSummary?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Merchants.AsNoTracking()
            .Where(m => m.Id == id)
            .Select(ToSummary)
            .FirstOrDefaultAsync(ct);
    }

    public async Task<MerchantSummary?> FindByNameAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var trimmed = name.Trim();
        return await db.Merchants.AsNoTracking()
            .Where(m => m.Name == trimmed)
            .Select(ToSummary)
            .FirstOrDefaultAsync(ct);
    }

    public async Task<Result<MerchantSummary>> CreateAsync(CreateMerchant request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageMerchants))
        {
            return MerchantErrors.NotAllowed;
        }

        var name = request.Name?.Trim() ?? "";
        var currencyKnown = Currency.TryGet(request.Currency, out var currency);
        var errors = ValidateDetails(name, request.FeeBasisPoints, request.TaxBasisPoints);
        if (!currencyKnown)
        {
            errors.Add(MerchantErrors.CurrencyInvalid);
        }

        if (Error.Combine(errors) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Merchants.AnyAsync(m => m.Name == name, ct))
        {
            return MerchantErrors.NameTaken;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var merchant = Merchant.Create(name, currency!.Code, now);
        merchant.SetCharges(request.FeeBasisPoints, request.TaxBasisPoints);
        db.Merchants.Add(merchant);
        db.MerchantBalances.Add(MerchantBalance.Open(merchant.Id, merchant.Currency, now));
        audit.Record(db, actor, AuditActions.MerchantCreated, "merchant", merchant.Id.ToString(),
            $"Created merchant {merchant.Name} ({merchant.Currency})", merchant.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin created the same name between the check and the insert.
            return MerchantErrors.NameTaken;
        }

        return Summarize(merchant);
    }

    /// <summary>Renames the merchant and sets its default fee and tax; each change is audited with its old and new value.</summary>
    public async Task<Result<MerchantSummary>> UpdateAsync(Guid merchantId, UpdateMerchant request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageMerchants))
        {
            return MerchantErrors.NotAllowed;
        }

        var name = request.Name?.Trim() ?? "";
        if (Error.Combine(ValidateDetails(name, request.FeeBasisPoints, request.TaxBasisPoints)) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.FirstOrDefaultAsync(m => m.Id == merchantId, ct);
        if (merchant is null)
        {
            return MerchantErrors.NotFound;
        }

        if (merchant.Name != name)
        {
            if (await db.Merchants.AnyAsync(m => m.Name == name && m.Id != merchantId, ct))
            {
                return MerchantErrors.NameTaken;
            }

            audit.Record(db, actor, AuditActions.MerchantUpdated, "merchant", merchant.Id.ToString(),
                $"Renamed merchant {merchant.Name} to {name}", merchant.Id, [new AuditChange("name", merchant.Name, name)]);
            merchant.Rename(name);
        }

        if (merchant.FeeBasisPoints != request.FeeBasisPoints || merchant.TaxBasisPoints != request.TaxBasisPoints)
        {
            audit.Record(db, actor, AuditActions.MerchantUpdated, "merchant", merchant.Id.ToString(),
                $"Set {merchant.Name}'s fee to {Percent(request.FeeBasisPoints)} and tax to {Percent(request.TaxBasisPoints)}", merchant.Id,
                AuditChange.Diff(
                    ("fee", Percent(merchant.FeeBasisPoints), Percent(request.FeeBasisPoints)),
                    ("tax", Percent(merchant.TaxBasisPoints), Percent(request.TaxBasisPoints))));
            merchant.SetCharges(request.FeeBasisPoints, request.TaxBasisPoints);
        }

        changes.Add(db, ChangeTopics.Merchant, ReferenceCache.MerchantKey(merchant.Id));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin took the name between the check and the update.
            return MerchantErrors.NameTaken;
        }

        cache.ForgetMerchant(merchant.Id);
        return Summarize(merchant);
    }

    /// <summary>
    /// Deactivates the merchant (it takes no new orders; its orders, balance, refunds and history stay and keep working)
    /// or reactivates it; audited, and a repeat changes nothing.
    /// </summary>
    public async Task<Result<MerchantSummary>> SetActiveAsync(Guid merchantId, bool active, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageMerchants))
        {
            return MerchantErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.FirstOrDefaultAsync(m => m.Id == merchantId, ct);
        if (merchant is null)
        {
            return MerchantErrors.NotFound;
        }

        if (merchant.IsActive == active)
        {
            return Summarize(merchant);
        }

        if (active)
        {
            merchant.Reactivate();
        }
        else
        {
            merchant.Deactivate(clock.GetUtcNow().UtcDateTime);
        }

        audit.Record(db, actor, active ? AuditActions.MerchantReactivated : AuditActions.MerchantDeactivated, "merchant",
            merchant.Id.ToString(), active ? $"Reactivated merchant {merchant.Name}" : $"Deactivated merchant {merchant.Name}", merchant.Id,
            [new AuditChange("status", active ? "deactivated" : "active", active ? "active" : "deactivated")]);
        await SaveChangedAsync(db, merchant.Id, ct);
        return Summarize(merchant);
    }

    /// <summary>Sets the four-eyes threshold, the automatic refund policy and retry on restock; audited.</summary>
    public async Task<Result<MerchantSummary>> UpdateRefundSettingsAsync(
        Guid merchantId, MerchantRefundSettings settings, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageMerchants))
        {
            return MerchantErrors.NotAllowed;
        }

        if (settings.ApprovalThresholdMinor is < 0 or > MaxApprovalThresholdMinor)
        {
            return MerchantErrors.ApprovalThresholdInvalid;
        }

        if (!Enum.IsDefined(settings.AutoRefund) || !Enum.IsDefined(settings.AutoRefundDestination))
        {
            return MerchantErrors.AutoRefundInvalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.FirstOrDefaultAsync(m => m.Id == merchantId, ct);
        if (merchant is null)
        {
            return MerchantErrors.NotFound;
        }

        merchant.SetRefundSettings(settings);
        var threshold = settings.ApprovalThresholdMinor is { } limit ? new Money(limit, Currency.Of(merchant.Currency)).ToString() : "off";
        audit.Record(db, actor, AuditActions.MerchantUpdated, "merchant", merchant.Id.ToString(),
            $"Set {merchant.Name}'s refund approval threshold to {threshold}, automatic refunds to {settings.AutoRefund} "
            + $"(to {settings.AutoRefundDestination}), retry on restock {(settings.RetryOnRestock ? "on" : "off")}", merchant.Id);
        await SaveChangedAsync(db, merchant.Id, ct);
        return Summarize(merchant);
    }

    /// <summary>Lets the merchant's own users manage its API keys, or stops them; admins only, audited.</summary>
    public async Task<Result<MerchantSummary>> SetApiKeyManagementAsync(
        Guid merchantId, bool merchantUsersManageApiKeys, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageMerchants))
        {
            return MerchantErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.FirstOrDefaultAsync(m => m.Id == merchantId, ct);
        if (merchant is null)
        {
            return MerchantErrors.NotFound;
        }

        merchant.SetApiKeyManagement(merchantUsersManageApiKeys);
        audit.Record(db, actor, AuditActions.MerchantUpdated, "merchant", merchant.Id.ToString(),
            merchantUsersManageApiKeys
                ? $"Let {merchant.Name}'s users manage its API keys"
                : $"Stopped {merchant.Name}'s users from managing its API keys", merchant.Id);
        await SaveChangedAsync(db, merchant.Id, ct);
        return Summarize(merchant);
    }

    /// <summary>Saves with the merchant's change notice, then drops this instance's cached copy so the change shows at once.</summary>
    private async Task SaveChangedAsync(PortalDb db, Guid merchantId, CancellationToken ct)
    {
        changes.Add(db, ChangeTopics.Merchant, ReferenceCache.MerchantKey(merchantId));
        await db.SaveChangesAsync(ct);
        cache.ForgetMerchant(merchantId);
    }

    /// <summary>Every problem with a merchant's name, fee and tax, for <see cref="Error.Combine"/>.</summary>
    private static List<Error> ValidateDetails(string name, int feeBasisPoints, int taxBasisPoints)
    {
        var errors = new List<Error>();
        if (name.Length == 0)
        {
            errors.Add(MerchantErrors.NameRequired);
        }
        else if (name.Length > MerchantErrors.MaxNameLength)
        {
            errors.Add(MerchantErrors.NameTooLong);
        }

        if (feeBasisPoints is < 0 or > 10_000)
        {
            errors.Add(MerchantErrors.FeeInvalid);
        }

        if (taxBasisPoints is < 0 or > 10_000)
        {
            errors.Add(MerchantErrors.TaxInvalid);
        }

        return errors;
    }

    private static string Percent(int basisPoints) => $"{basisPoints / 100m}%";
}
