using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Merchants;

/// <summary>Reads and creates merchant accounts.</summary>
public sealed class MerchantService(IDbContextFactory<PortalDb> dbs, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<MerchantSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Merchants.AsNoTracking()
            .OrderBy(m => m.Name)
            .Select(m => new MerchantSummary(m.Id, m.Name, m.Currency, m.FeeBasisPoints, m.TaxBasisPoints))
            .ToListAsync(ct);
    }

    public async Task<MerchantSummary?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Merchants.AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new MerchantSummary(m.Id, m.Name, m.Currency, m.FeeBasisPoints, m.TaxBasisPoints))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<MerchantSummary?> FindByNameAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var trimmed = name.Trim();
        return await db.Merchants.AsNoTracking()
            .Where(m => m.Name == trimmed)
            .Select(m => new MerchantSummary(m.Id, m.Name, m.Currency, m.FeeBasisPoints, m.TaxBasisPoints))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<Result<MerchantSummary>> CreateAsync(CreateMerchant request, Actor actor, CancellationToken ct = default)
    {
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

        return new MerchantSummary(merchant.Id, merchant.Name, merchant.Currency, merchant.FeeBasisPoints, merchant.TaxBasisPoints);
    }

    public async Task<Result<MerchantSummary>> UpdateChargesAsync(
        Guid merchantId, UpdateMerchantCharges request, Actor actor, CancellationToken ct = default)
    {
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
        return new MerchantSummary(merchant.Id, merchant.Name, merchant.Currency, merchant.FeeBasisPoints, merchant.TaxBasisPoints);
    }

    private static Error? ValidateCharges(int feeBasisPoints, int taxBasisPoints) =>
        feeBasisPoints is < 0 or > 10_000 ? MerchantErrors.FeeInvalid
        : taxBasisPoints is < 0 or > 10_000 ? MerchantErrors.TaxInvalid
        : null;
}
