using System.Globalization;
using System.Text;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Catalog;

/// <summary>
/// The code inventory of key items: uploads (checked line by line, all or nothing; duplicates skipped and
/// reported), masked listing and search, voiding an available code, and revealing one code. Voids and reveals are audited.
/// </summary>
public sealed class KeyInventoryService(
    IDbContextFactory<PortalDb> dbs, IDataProtectionProvider protection, AuditTrail audit, JobQueue jobs, JobSignal jobSignal, TimeProvider clock)
{
    public const int MaxCodesPerUpload = 100_000;
    private const string ProtectorPurpose = "MerchantPortal.KeyCodes.v1";

    private IDataProtector Protector => protection.CreateProtector(ProtectorPurpose);

    /// <summary>
    /// Adds the codes of an uploaded file (<see cref="KeyCodeText.Decode"/>: UTF-8 text of at most
    /// <see cref="KeyCodeText.MaxUploadBytes"/>). A file that is not text is refused as a whole.
    /// </summary>
    public async Task<Result<CodeUploadSummary>> AddCodesFromFileAsync(long itemId, Stream content, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageKeyInventory))
        {
            return CatalogErrors.InventoryNotAllowed;
        }

        // Read one byte past the limit, so a larger file is told apart without reading all of it.
        var buffer = new byte[KeyCodeText.MaxUploadBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        var text = KeyCodeText.Decode(buffer.AsSpan(0, length));
        return text.Succeeded ? await AddAsync(itemId, KeyCodeText.Parse(text.Value), actor, ct) : text.Error!;
    }

    /// <summary>Adds pasted codes, one per line (or a CSV's first column), of at most <see cref="KeyCodeText.MaxUploadBytes"/> in UTF-8.</summary>
    public async Task<Result<CodeUploadSummary>> AddCodesFromTextAsync(long itemId, string text, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageKeyInventory))
        {
            return CatalogErrors.InventoryNotAllowed;
        }

        return Encoding.UTF8.GetByteCount(text) > KeyCodeText.MaxUploadBytes
            ? CatalogErrors.CodesTooLarge
            : await AddAsync(itemId, KeyCodeText.Parse(text), actor, ct);
    }

    /// <summary>Adds codes given one by one (seeding, tests); the n-th code is reported as line n.</summary>
    public async Task<Result<CodeUploadSummary>> AddCodesAsync(
        long itemId, IReadOnlyList<string> codes, Actor actor, CancellationToken ct = default) =>
        actor.Can(Capability.ManageKeyInventory)
            ? await AddAsync(itemId, KeyCodeText.Check(codes), actor, ct)
            : CatalogErrors.InventoryNotAllowed;

    /// <summary>
    /// All or nothing: when any code is invalid, nothing is added and the error lists every problem by line, so the
    /// admin fixes the file and uploads it again rather than finding out which half went in. Duplicates are not
    /// errors: those inside the upload and those already in the inventory (voided ones too, so a voided code cannot
    /// come back) are skipped and counted.
    /// </summary>
    private async Task<Result<CodeUploadSummary>> AddAsync(long itemId, IReadOnlyList<CodeLine> lines, Actor actor, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            return CatalogErrors.NoCodes;
        }

        if (lines.Count > MaxCodesPerUpload)
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

        if (lines.Any(l => !l.IsValid))
        {
            return CatalogErrors.CodesRejected(lines);
        }

        var unique = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicatesInUpload = 0;
        foreach (var line in lines)
        {
            if (!unique.TryAdd(KeyCodeText.Hash(itemId, line.Code), line.Code))
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

        var summary = new CodeUploadSummary(lines.Count, added, duplicatesInUpload, existing.Count);
        audit.Record(db, actor, AuditActions.CodesAdded, "catalog_item", itemId.ToString(CultureInfo.InvariantCulture),
            $"Added {added} code(s) to {item.Sku}; skipped {duplicatesInUpload + existing.Count} duplicate(s)");
        if (added > 0 && await db.Merchants.AnyAsync(m => m.RetryOnRestock, ct))
        {
            // Orders waiting for this item may be retried by themselves (merchants with "retry on restock").
            jobs.Enqueue(db, JobTypes.RetryRestocked, itemId.ToString(CultureInfo.InvariantCulture));
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
    /// The item's codes, masked, newest first, filtered by status and by how they end (<see cref="KeyCodeQuery"/>).
    /// A merchant actor sees only the codes delivered to its own merchant's orders, as with <see cref="RevealAsync"/>.
    /// </summary>
    /// <remarks>
    /// Codes are encrypted, so the database can only search what it holds in plaintext: the last
    /// <see cref="KeyCodeText.VisibleSuffixLength"/> characters, and the hash of the whole code. A search of up to
    /// that many characters matches the end of the visible suffix (a scan of the item's codes: a <c>LIKE '%…'</c>
    /// cannot use an index, which is fine at an item's scale); a longer one is taken as the whole code and found by its
    /// hash. Storing a longer plaintext suffix would allow longer suffix searches, at the price of weakening the
    /// encryption of every code.
    /// </remarks>
    public async Task<Page<KeyCodeRow>> ListAsync(long itemId, KeyCodeQuery query, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var codes = db.KeyCodes.AsNoTracking().Where(c => c.ItemId == itemId);
        if (actor.MerchantId is { } own)
        {
            codes = codes.Where(c => db.OrderLines.Any(l => l.Id == c.OrderLineId && l.Order.MerchantId == own));
        }

        if (query.Status is { } s)
        {
            codes = codes.Where(c => c.Status == s);
        }

        if (KeyCodeText.Normalize(query.EndsWith ?? "") is { Length: > 0 } ending)
        {
            if (ending.Length <= KeyCodeText.VisibleSuffixLength)
            {
                var pattern = "%" + Like.Escape(ending);
                codes = codes.Where(c => EF.Functions.Like(c.LastFour, pattern, Like.EscapeCharacter));
            }
            else
            {
                var hash = KeyCodeText.Hash(itemId, ending);
                codes = codes.Where(c => c.CodeHash == hash);
            }
        }

        var total = await codes.CountAsync(ct);
        var rows = await codes.OrderByDescending(c => c.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(c => new KeyCodeRow(c.Id, "•••• •••• " + c.LastFour, c.Status, c.AddedAt, c.DeliveredAt, c.OrderLineId, c.VoidedAt))
            .ToListAsync(ct);
        return new Page<KeyCodeRow>(rows, total);
    }

    /// <summary>
    /// Voids an available code, audited: it is never delivered afterwards and no longer counts as stock. Voiding a
    /// code that is already voided succeeds without changing anything (and without a second audit entry), so a
    /// repeated click or two admins at once are harmless; a delivered code cannot be voided (<c>CODE_DELIVERED</c>).
    /// </summary>
    public async Task<Result<KeyCodeRow>> VoidAsync(long codeId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageKeyInventory))
        {
            return CatalogErrors.InventoryNotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The same condition as fulfilment's claim (KeyClaimer): only an available code changes. Of a void and a
        // delivery racing for one code, exactly one updates the row; the other finds it no longer available.
        var voided = await db.KeyCodes
            .Where(c => c.Id == codeId && c.Status == KeyCodeStatus.Available)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, KeyCodeStatus.Voided)
                .SetProperty(c => c.VoidedAt, now), ct);
        var code = await db.KeyCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == codeId, ct);
        if (code is null)
        {
            return CatalogErrors.CodeNotFound;
        }

        var row = new KeyCodeRow(code.Id, code.Masked, code.Status, code.AddedAt, code.DeliveredAt, code.OrderLineId, code.VoidedAt);
        if (voided == 0)
        {
            return code.Status == KeyCodeStatus.Voided ? row : CatalogErrors.CodeDelivered;
        }

        var sku = await db.CatalogItems.Where(i => i.Id == code.ItemId).Select(i => i.Sku).SingleAsync(ct);
        audit.Record(db, actor, AuditActions.CodeVoided, "key_code", codeId.ToString(CultureInfo.InvariantCulture),
            $"Voided available code {code.LastFour} of {sku}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>
    /// Decrypts one code for display and audits who saw it. A merchant user may only reveal codes
    /// delivered to its own merchant's orders; staff (Support, Admin) reveal a code delivered to a merchant's order
    /// only with a <paramref name="reason"/>, kept in the audit entry (codes in stock need none).
    /// </summary>
    public async Task<Result<string>> RevealAsync(long codeId, Actor actor, string? reason = null, CancellationToken ct = default)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > CatalogErrors.MaxRevealReasonLength)
        {
            return CatalogErrors.RevealReasonTooLong;
        }

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

        if (actor.MerchantId is null && merchantId is not null && reason is null)
        {
            return CatalogErrors.RevealReasonRequired;
        }

        audit.Record(db, actor, AuditActions.CodeRevealed, "key_code", codeId.ToString(CultureInfo.InvariantCulture),
            $"Revealed code {code.LastFour} of item {code.ItemId}{(reason is null ? "" : $" — reason: {reason}")}", merchantId);
        await db.SaveChangesAsync(ct);
        return Protector.Unprotect(code.CodeCipher);
    }

    /// <summary>Decrypts codes for a trusted caller (the API returning an order's delivered codes).</summary>
    internal string Decrypt(string cipher) => Protector.Unprotect(cipher);
}
