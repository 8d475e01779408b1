using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Catalog;

/// <summary>
/// The code inventory of key items: uploads (duplicates refused and reported), stock, masked listing,
/// and revealing one code, which is audited.
/// </summary>
public sealed class KeyInventoryService(
    IDbContextFactory<PortalDb> dbs, IDataProtectionProvider protection, AuditTrail audit, JobQueue jobs, JobSignal jobSignal, TimeProvider clock)
{
    public const int MaxCodesPerUpload = 100_000;
    private const string ProtectorPurpose = "MerchantPortal.KeyCodes.v1";

    private IDataProtector Protector => protection.CreateProtector(ProtectorPurpose);

    public async Task<Result<CodeUploadSummary>> AddCodesAsync(
        long itemId, IReadOnlyList<string> codes, Actor actor, CancellationToken ct = default)
    {
        if (codes.Count == 0)
        {
            return CatalogErrors.NoCodes;
        }

        if (codes.Count > MaxCodesPerUpload)
        {
            return CatalogErrors.TooManyCodes;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var item = await db.CatalogItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
        {
            return CatalogErrors.NotFound;
        }

        if (item.Type != ProductType.Key)
        {
            return CatalogErrors.NotAKeyItem;
        }

        var invalid = new List<string>();
        var unique = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicatesInUpload = 0;
        foreach (var raw in codes)
        {
            var code = KeyCodeText.Normalize(raw);
            if (code.Length is 0 or > KeyCodeText.MaxLength || code.Any(char.IsControl))
            {
                invalid.Add(raw.Length > 40 ? raw[..40] + "…" : raw);
                continue;
            }

            if (!unique.TryAdd(KeyCodeText.Hash(itemId, code), code))
            {
                duplicatesInUpload++;
            }
        }

        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in unique.Keys.Chunk(500))
        {
            existing.UnionWith(await db.KeyCodes
                .Where(c => c.ItemId == itemId && chunk.Contains(c.CodeHash))
                .Select(c => c.CodeHash)
                .ToListAsync(ct));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var protector = Protector;
        var added = 0;
        foreach (var (hash, code) in unique.Where(pair => !existing.Contains(pair.Key)))
        {
            db.KeyCodes.Add(KeyCode.Create(itemId, protector.Protect(code), hash, KeyCodeText.LastFour(code), now));
            added++;
        }

        var summary = new CodeUploadSummary(codes.Count, added, duplicatesInUpload, existing.Count, invalid);
        audit.Record(db, actor, AuditActions.CodesAdded, "catalog_item", itemId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Added {added} code(s) to {item.Sku}; skipped {duplicatesInUpload + existing.Count} duplicate(s) and {invalid.Count} invalid");
        if (added > 0 && await db.Merchants.AnyAsync(m => m.RetryOnRestock, ct))
        {
            // Orders waiting for this item may be retried by themselves (merchants with "retry on restock").
            jobs.Enqueue(db, JobTypes.RetryRestocked, itemId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another upload added some of the same codes between the check and the insert.
            return CatalogErrors.CodesChanged;
        }

        jobSignal.Notify();
        return summary;
    }

    /// <summary>
    /// The item's codes, masked, newest first. A merchant actor sees only the codes delivered to its own
    /// merchant's orders, as with <see cref="RevealAsync"/>.
    /// </summary>
    public async Task<Page<KeyCodeRow>> ListAsync(
        long itemId, KeyCodeStatus? status, int page, int pageSize, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var codes = db.KeyCodes.AsNoTracking().Where(c => c.ItemId == itemId);
        if (actor.MerchantId is { } own)
        {
            codes = codes.Where(c => db.OrderLines.Any(l => l.Id == c.OrderLineId && l.Order.MerchantId == own));
        }

        if (status is { } s)
        {
            codes = codes.Where(c => c.Status == s);
        }

        var total = await codes.CountAsync(ct);
        var rows = await codes.OrderByDescending(c => c.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(c => new KeyCodeRow(c.Id, "•••• •••• " + c.LastFour, c.Status, c.AddedAt, c.DeliveredAt, c.OrderLineId))
            .ToListAsync(ct);
        return new Page<KeyCodeRow>(rows, total);
    }

    /// <summary>
    /// Decrypts one code for display and audits who saw it. A merchant user may only reveal codes
    /// delivered to its own merchant's orders.
    /// </summary>
    public async Task<Result<string>> RevealAsync(long codeId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var code = await db.KeyCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == codeId, ct);
        if (code is null)
        {
            return CatalogErrors.CodeNotFound;
        }

        var merchantId = code.OrderLineId is { } lineId
            ? await db.OrderLines.Where(l => l.Id == lineId).Select(l => (Guid?)l.Order.MerchantId).FirstOrDefaultAsync(ct)
            : null;
        if (actor.MerchantId is { } own && own != merchantId)
        {
            return CatalogErrors.CodeNotFound;
        }

        audit.Record(db, actor, AuditActions.CodeRevealed, "key_code", codeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Revealed code {code.LastFour} of item {code.ItemId}", merchantId);
        await db.SaveChangesAsync(ct);
        return Protector.Unprotect(code.CodeCipher);
    }

    /// <summary>Decrypts codes for a trusted caller (the API returning an order's delivered codes).</summary>
    internal string Decrypt(string cipher) => Protector.Unprotect(cipher);
}
