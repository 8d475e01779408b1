using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using MerchantPortal.Refunds;
using Microsoft.EntityFrameworkCore;
using System.Linq.Expressions;

namespace MerchantPortal.Merchants;

/// <summary>Reads and creates merchant accounts and sets their charges and refund settings.</summary>
public sealed class MerchantService(IDbContextFactory<PortalDb> dbs, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The largest four-eyes threshold, in minor units (ten billion major units).</summary>
    public const long MaxApprovalThresholdMinor = 1_000_000_000_000;

    private static readonly Expression<Func<Merchant, MerchantSummary>> ToSummary = m => new MerchantSummary(
        m.Id, m.Name, m.Currency, m.FeeBasisPoints, m.TaxBasisPoints,
        new MerchantRefundSettings(m.RefundApprovalThresholdMinor, m.AutoRefund, m.AutoRefundDestination, m.RetryOnRestock),
        m.MerchantUsersManageApiKeys);

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
        if (name.Length == 0)
        {
            return MerchantErrors.NameRequired;
        }

        if (name.Length > 200)
        {
            return MerchantErrors.NameTooLong;
        }

        if (!Currency.TryGet(request.Currency, out var currency))
        {
            return MerchantErrors.CurrencyInvalid;
        }

        if (ValidateCharges(request.FeeBasisPoints, request.TaxBasisPoints) is { } invalidCharges)
        {
            return invalidCharges;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Merchants.AnyAsync(m => m.Name == name, ct))
        {
            return MerchantErrors.NameTaken;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var merchant = Merchant.Create(name, currency.Code, now);
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

    public async Task<Result<MerchantSummary>> UpdateChargesAsync(
        Guid merchantId, UpdateMerchantCharges request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageMerchants))
        {
            return MerchantErrors.NotAllowed;
        }

        if (ValidateCharges(request.FeeBasisPoints, request.TaxBasisPoints) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.FirstOrDefaultAsync(m => m.Id == merchantId, ct);
        if (merchant is null)
        {
            return MerchantErrors.NotFound;
        }

        merchant.SetCharges(request.FeeBasisPoints, request.TaxBasisPoints);
        audit.Record(db, actor, AuditActions.MerchantUpdated, "merchant", merchant.Id.ToString(),
            $"Set {merchant.Name}'s fee to {request.FeeBasisPoints / 100m}% and tax to {request.TaxBasisPoints / 100m}%", merchant.Id);
        await db.SaveChangesAsync(ct);
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
        await db.SaveChangesAsync(ct);
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
        await db.SaveChangesAsync(ct);
        return Summarize(merchant);
    }

    private static Error? ValidateCharges(int feeBasisPoints, int taxBasisPoints) =>
        feeBasisPoints is < 0 or > 10_000 ? MerchantErrors.FeeInvalid
        : taxBasisPoints is < 0 or > 10_000 ? MerchantErrors.TaxInvalid
        : null;
}
