using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Caching;
using MerchantPortal.Changes;
using MerchantPortal.Common;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Catalog;

/// <summary>
/// The catalog, shared by all merchants: search with stock, item details, and admin create, edit,
/// (de)activate (audited). A merchant actor (user or API key) sees only what can be ordered: an inactive
/// item is hidden from it and reads as not found. An edit or (de)activation publishes a <see cref="ChangeTopics.CatalogItem"/>
/// notice with it, so every instance's <see cref="ReferenceCache"/> drops the old item.
/// </summary>
public sealed class CatalogService(IDbContextFactory<PortalDb> dbs, AuditTrail audit, IChangeFeed changes, ReferenceCache cache, TimeProvider clock)
{
    /// <summary>A page of the items matching the query, as lists show them, with the stock of key items.</summary>
    public async Task<Page<CatalogItemSummary>> SearchAsync(CatalogQuery query, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var items = Filter(db, query, actor);
        var total = await items.CountAsync(ct);
        var rows = await items.OrderBy(i => i.Name)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(i => new CatalogItemSummary(i.Id, i.Sku, i.Name, i.Type, i.Currency, i.IsActive, i.UnitPriceMinor,
                i.MinAmountMinor, i.MaxAmountMinor,
                i.Type == ProductType.Key ? db.KeyCodes.Count(c => c.ItemId == i.Id && c.Status == KeyCodeStatus.Available) : null,
                i.RateBasisPoints))
            .ToListAsync(ct);
        return new Page<CatalogItemSummary>(rows, total);
    }

    /// <summary>
    /// A page of the items matching the query in full (type, bounds, fields), each with its stock of available
    /// codes (key items; null otherwise): the catalog export of the API.
    /// </summary>
    public async Task<Page<CatalogItemDetails>> ListAsync(CatalogQuery query, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var items = Filter(db, query, actor);
        var total = await items.CountAsync(ct);
        var rows = await items.OrderBy(i => i.Name).ThenBy(i => i.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(i => new
            {
                Item = i,
                Stock = i.Type == ProductType.Key ? db.KeyCodes.Count(c => c.ItemId == i.Id && c.Status == KeyCodeStatus.Available) : (int?)null,
                Delivered = db.KeyCodes.Count(c => c.ItemId == i.Id && c.Status == KeyCodeStatus.Delivered),
            })
            .ToListAsync(ct);
        return new Page<CatalogItemDetails>([.. rows.Select(r => new CatalogItemDetails(r.Item, r.Stock, r.Delivered))], total);
    }

    /// <summary>One item with its stock; null if it does not exist or the actor may not see it (inactive, for a merchant).</summary>
    public async Task<CatalogItemDetails?> GetAsync(long itemId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var item = await VisibleTo(db, db.CatalogItems.AsNoTracking(), actor).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        return item is null ? null : await DetailsAsync(db, item, ct);
    }

    public async Task<Result<CatalogItemDetails>> CreateAsync(SaveCatalogItem request, Actor actor, CancellationToken ct = default)
    {
        if (CatalogItemRules.Validate(request) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var sku = request.Sku.Trim().ToUpperInvariant();
        if (await db.CatalogItems.AnyAsync(i => i.Sku == sku, ct))
        {
            return CatalogErrors.SkuTaken;
        }

        var item = CatalogItem.Create(request, clock.GetUtcNow().UtcDateTime);
        db.CatalogItems.Add(item);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await SaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        // The item's id exists only once it is inserted; the audit entry commits with it.
        audit.Record(db, actor, AuditActions.CatalogItemCreated, "catalog_item", Id(item), $"Created {item.Sku} ({item.Name})");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await DetailsAsync(db, item, ct);
    }

    public async Task<Result<CatalogItemDetails>> UpdateAsync(long itemId, SaveCatalogItem request, Actor actor, CancellationToken ct = default)
    {
        if (CatalogItemRules.Validate(request) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var item = await db.CatalogItems.FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
        {
            return CatalogErrors.NotFound;
        }

        var sku = request.Sku.Trim().ToUpperInvariant();
        if (await db.CatalogItems.AnyAsync(i => i.Sku == sku && i.Id != itemId, ct))
        {
            return CatalogErrors.SkuTaken;
        }

        if (item.Type != request.Type && await db.OrderLines.AnyAsync(l => l.ItemId == itemId, ct))
        {
            return CatalogErrors.TypeLocked;
        }

        var before = CatalogItemAudit.Snapshot(item);
        item.Apply(request, clock.GetUtcNow().UtcDateTime);
        audit.Record(db, actor, AuditActions.CatalogItemUpdated, "catalog_item", Id(item), $"Updated {item.Sku} ({item.Name})",
            changes: CatalogItemAudit.Changes(before, item));
        changes.Add(db, ChangeTopics.CatalogItem, ReferenceCache.CatalogItemKey(item.Id));
        if (await SaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        cache.ForgetCatalogItem(item.Id);
        return await DetailsAsync(db, item, ct);
    }

    public async Task<Result<CatalogItemDetails>> SetActiveAsync(long itemId, bool active, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var item = await db.CatalogItems.FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
        {
            return CatalogErrors.NotFound;
        }

        if (item.IsActive != active)
        {
            item.SetActive(active, clock.GetUtcNow().UtcDateTime);
            audit.Record(db, actor, active ? AuditActions.CatalogItemActivated : AuditActions.CatalogItemDeactivated,
                "catalog_item", Id(item), $"{(active ? "Activated" : "Deactivated")} {item.Sku}",
                changes: [new AuditChange("status", active ? "inactive" : "active", active ? "active" : "inactive")]);
            changes.Add(db, ChangeTopics.CatalogItem, ReferenceCache.CatalogItemKey(item.Id));
            await db.SaveChangesAsync(ct);
            cache.ForgetCatalogItem(item.Id);
        }

        return await DetailsAsync(db, item, ct);
    }

    /// <summary>
    /// A merchant sees only what it can order: active items priced in its own currency. Staff see every item.
    /// </summary>
    private static IQueryable<CatalogItem> VisibleTo(PortalDb db, IQueryable<CatalogItem> items, Actor actor) =>
        actor.MerchantId is { } merchantId
            ? items.Where(i => i.IsActive && db.Merchants.Any(m => m.Id == merchantId && m.Currency == i.Currency))
            : items;

    /// <summary>The items the actor may see that match the query's filters.</summary>
    private static IQueryable<CatalogItem> Filter(PortalDb db, CatalogQuery query, Actor actor)
    {
        var items = VisibleTo(db, db.CatalogItems.AsNoTracking(), actor);
        if (!query.IncludeInactive)
        {
            items = items.Where(i => i.IsActive);
        }

        if (query.Type is { } type)
        {
            items = items.Where(i => i.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(query.Currency))
        {
            var currency = query.Currency.Trim().ToUpperInvariant();
            items = items.Where(i => i.Currency == currency);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Like.Contains(query.Search);
            items = items.Where(i => EF.Functions.Like(i.Name, pattern, Like.EscapeCharacter)
                || EF.Functions.Like(i.Sku, pattern, Like.EscapeCharacter)
                || EF.Functions.Like(i.Description, pattern, Like.EscapeCharacter));
        }

        return items;
    }

    private static async Task<CatalogItemDetails> DetailsAsync(PortalDb db, CatalogItem item, CancellationToken ct)
    {
        var stock = item.Type == ProductType.Key
            ? await db.KeyCodes.CountAsync(c => c.ItemId == item.Id && c.Status == KeyCodeStatus.Available, ct)
            : (int?)null;
        var delivered = await db.KeyCodes.CountAsync(c => c.ItemId == item.Id && c.Status == KeyCodeStatus.Delivered, ct);
        return new CatalogItemDetails(item, stock, delivered);
    }

    /// <summary>Saves, or says which concurrent change got in the way.</summary>
    private static async Task<Error?> SaveAsync(PortalDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return CatalogErrors.ChangedMeanwhile;
        }
        catch (DbUpdateException)
        {
            return CatalogErrors.SkuTaken;
        }
    }

    private static string Id(CatalogItem item) => item.Id.ToString(CultureInfo.InvariantCulture);
}
