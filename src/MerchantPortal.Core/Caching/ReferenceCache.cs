using System.Globalization;
using MerchantPortal.ApiKeys;
using MerchantPortal.Catalog;
using MerchantPortal.Changes;
using MerchantPortal.Data;
using MerchantPortal.Merchants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Caching;

/// <summary>
/// Merchants, catalog items and API keys as read per request by order placement and API-key checks, kept in
/// memory. Entries are untracked snapshots shared by every caller: read them, never change them. A miss reads the
/// database. An entry is dropped when its change notice arrives through the <see cref="IChangeFeed"/> (from any
/// instance, within about a poll interval), at once when this instance's own code calls a <c>Forget…</c> method
/// after committing a change, and in any case after <see cref="ReferenceCacheOptions.MaxAge"/>.
/// </summary>
public sealed class ReferenceCache : IDisposable
{
    private readonly IDbContextFactory<PortalDb> _dbs;
    private readonly SnapshotCache<Guid, Merchant> _merchants;
    private readonly SnapshotCache<long, CatalogItem> _items;
    private readonly SnapshotCache<string, ApiKey> _apiKeys;
    private readonly IDisposable[] _subscriptions;

    public ReferenceCache(IDbContextFactory<PortalDb> dbs, IChangeFeed changes, IOptions<ReferenceCacheOptions> options, TimeProvider clock)
    {
        _dbs = dbs;
        var maxAge = options.Value.MaxAge;
        _merchants = new(clock, maxAge, m => MerchantKey(m.Id));
        _items = new(clock, maxAge, i => CatalogItemKey(i.Id));
        _apiKeys = new(clock, maxAge, k => ApiKeyKey(k.Id));
        _subscriptions =
        [
            changes.Subscribe(ChangeTopics.Merchant, n => _merchants.Forget(n.Key)),
            changes.Subscribe(ChangeTopics.CatalogItem, n => _items.Forget(n.Key)),
            changes.Subscribe(ChangeTopics.ApiKey, n => _apiKeys.Forget(n.Key)),
        ];
    }

    /// <summary>The change feed key of a merchant, for <see cref="IChangeFeed.Add"/> with <see cref="ChangeTopics.Merchant"/>.</summary>
    public static string MerchantKey(Guid merchantId) => merchantId.ToString();

    /// <summary>The change feed key of a catalog item, with <see cref="ChangeTopics.CatalogItem"/>.</summary>
    public static string CatalogItemKey(long itemId) => itemId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The change feed key of an API key, with <see cref="ChangeTopics.ApiKey"/>.</summary>
    public static string ApiKeyKey(Guid keyId) => keyId.ToString();

    /// <summary>The merchant, or null if there is none (a miss is not remembered).</summary>
    public async Task<Merchant?> GetMerchantAsync(Guid merchantId, CancellationToken ct = default)
    {
        if (_merchants.TryGet(merchantId, out var cached))
        {
            return cached;
        }

        var generation = _merchants.Generation;
        await using var db = await _dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == merchantId, ct);
        if (merchant is not null)
        {
            _merchants.Store(merchantId, merchant, generation);
        }

        return merchant;
    }

    /// <summary>The items of the ids that exist, by id; the missing ones are read in one query.</summary>
    public async Task<IReadOnlyDictionary<long, CatalogItem>> GetCatalogItemsAsync(IEnumerable<long> itemIds, CancellationToken ct = default)
    {
        var found = new Dictionary<long, CatalogItem>();
        var missing = new List<long>();
        foreach (var id in itemIds.Distinct())
        {
            if (_items.TryGet(id, out var cached))
            {
                found[id] = cached;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        var generation = _items.Generation;
        await using var db = await _dbs.CreateDbContextAsync(ct);
        foreach (var item in await db.CatalogItems.AsNoTracking().Where(i => missing.Contains(i.Id)).ToListAsync(ct))
        {
            _items.Store(item.Id, item, generation);
            found[item.Id] = item;
        }

        return found;
    }

    /// <summary>The key with this secret hash (<see cref="ApiKeySecret.Hash"/>), or null; unknown hashes are not remembered.</summary>
    public async Task<ApiKey?> GetApiKeyAsync(string secretHash, CancellationToken ct = default)
    {
        if (_apiKeys.TryGet(secretHash, out var cached))
        {
            return cached;
        }

        var generation = _apiKeys.Generation;
        await using var db = await _dbs.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == secretHash, ct);
        if (key is not null)
        {
            _apiKeys.Store(secretHash, key, generation);
        }

        return key;
    }

    /// <summary>Drops the merchant here and now; call it after committing a change that also added its notice.</summary>
    public void ForgetMerchant(Guid merchantId) => _merchants.Forget(MerchantKey(merchantId));

    /// <summary>Drops the item here and now; call it after committing a change that also added its notice.</summary>
    public void ForgetCatalogItem(long itemId) => _items.Forget(CatalogItemKey(itemId));

    /// <summary>Drops the key here and now; call it after committing a change that also added its notice.</summary>
    public void ForgetApiKey(Guid keyId) => _apiKeys.Forget(ApiKeyKey(keyId));

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }
}
