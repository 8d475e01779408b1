using System.Net;
using MerchantPortal.Auditing;
using MerchantPortal.Caching;
using MerchantPortal.Changes;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.ApiKeys;

/// <summary>
/// Creates, lists, revokes and rolls merchants' API keys, enforcing <see cref="ApiKeyPermissions"/>; a key of a
/// merchant the actor may not see reads as not found. Every change is audited. Revoking or rolling a key publishes a
/// <see cref="ChangeTopics.ApiKey"/> notice with it, so every instance's <see cref="ReferenceCache"/> drops the old key.
/// </summary>
public sealed class ApiKeyService(
    IDbContextFactory<PortalDb> dbs, AuditTrail audit, IOptions<StripeOptions> stripe, IChangeFeed changes, ReferenceCache cache, TimeProvider clock)
{
    /// <summary>The overlaps the portal offers when rolling a key: the old key stops at once, or after an hour, a day or a week.</summary>
    public static IReadOnlyList<TimeSpan> RollOverlaps { get; } = [TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromDays(7)];

    /// <summary><c>mp_live_</c> only with live Stripe keys; test keys act on the same data.</summary>
    public ApiKeyMode CurrentMode =>
        !stripe.Value.UsesSandbox && stripe.Value.SecretKey?.StartsWith("sk_live_", StringComparison.Ordinal) == true
            ? ApiKeyMode.Live
            : ApiKeyMode.Test;

    /// <summary>Creates a key and returns its secret, which is not stored and cannot be shown again.</summary>
    public async Task<Result<CreatedApiKey>> CreateAsync(CreateApiKey request, Actor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (Validate(request, now) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await CheckAccessAsync(db, request.MerchantId, actor, manage: true, ct) is { } refused)
        {
            return refused;
        }

        var secret = ApiKeySecret.Generate(CurrentMode);
        var key = ApiKey.Create(request.MerchantId, request.Name, secret, CurrentMode, request.Scopes.Distinct(StringComparer.Ordinal),
            (request.AllowedIps ?? []).Select(ip => ip.Trim()), request.ExpiresAt, actor.Name, replacesKeyId: null, now);
        db.ApiKeys.Add(key);
        audit.Record(db, actor, AuditActions.ApiKeyCreated, "api_key", key.Id.ToString(),
            $"Created API key \"{key.Name}\" ({key.Prefix}…) with scopes {string.Join(", ", key.Scopes)}"
            + (key.ExpiresAt is { } expires ? $", expiring {expires:u}." : "."), key.MerchantId);
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>The merchant's keys, newest first, with their usage in the last 24 hours.</summary>
    public async Task<Result<IReadOnlyList<ApiKeySummary>>> ListAsync(Guid merchantId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await CheckAccessAsync(db, merchantId, actor, manage: false, ct) is { } refused)
        {
            return refused;
        }

        return Result<IReadOnlyList<ApiKeySummary>>.From(
            await ApiKeySummaries.LoadAsync(db, db.ApiKeys.Where(k => k.MerchantId == merchantId), clock.GetUtcNow().UtcDateTime, ct));
    }

    public async Task<Result<ApiKeySummary>> GetAsync(Guid keyId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchantId = await db.ApiKeys.Where(k => k.Id == keyId).Select(k => (Guid?)k.MerchantId).FirstOrDefaultAsync(ct);
        if (merchantId is null || !actor.MaySee(merchantId.Value))
        {
            return ApiKeyErrors.NotFound;
        }

        if (await CheckAccessAsync(db, merchantId.Value, actor, manage: false, ct) is { } refused)
        {
            return refused;
        }

        return (await ApiKeySummaries.LoadAsync(db, db.ApiKeys.Where(k => k.Id == keyId), clock.GetUtcNow().UtcDateTime, ct))[0];
    }

    /// <summary>
    /// Revokes the key: the next call with it is refused on this instance, and on other instances once their change feed
    /// poller has read the notice (about <see cref="ChangeFeedOptions.PollInterval"/>).
    /// </summary>
    public async Task<Result<ApiKeySummary>> RevokeAsync(Guid keyId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = await FindToManageAsync(db, keyId, actor, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var key = found.Value;
        if (key.RevokedAt is not null)
        {
            return ApiKeyErrors.AlreadyRevoked;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        key.Revoke(actor.Name, now);
        audit.Record(db, actor, AuditActions.ApiKeyRevoked, "api_key", key.Id.ToString(),
            $"Revoked API key \"{key.Name}\" ({key.Prefix}…).", key.MerchantId);
        changes.Add(db, ChangeTopics.ApiKey, ReferenceCache.ApiKeyKey(key.Id));
        await db.SaveChangesAsync(ct);
        cache.ForgetApiKey(key.Id);
        return (await ApiKeySummaries.LoadAsync(db, db.ApiKeys.Where(k => k.Id == keyId), now, ct))[0];
    }

    /// <summary>
    /// Replaces the key with a new one of the same name, scopes, allow list and merchant (and no expiry); the old key
    /// keeps working for <paramref name="overlap"/> (zero: it stops now) so clients can switch without downtime.
    /// </summary>
    public async Task<Result<CreatedApiKey>> RollAsync(Guid keyId, TimeSpan overlap, Actor actor, CancellationToken ct = default)
    {
        if (overlap < TimeSpan.Zero || overlap > ApiKeyErrors.MaxRollOverlap)
        {
            return ApiKeyErrors.OverlapInvalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = await FindToManageAsync(db, keyId, actor, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var old = found.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!old.IsActiveAt(now))
        {
            return ApiKeyErrors.NotActive;
        }

        var secret = ApiKeySecret.Generate(CurrentMode);
        var key = ApiKey.Create(old.MerchantId, old.Name, secret, CurrentMode, old.Scopes, old.AllowedIps, expiresAt: null, actor.Name, old.Id, now);
        old.ExpireAt(now + overlap);
        db.ApiKeys.Add(key);
        audit.Record(db, actor, AuditActions.ApiKeyRolled, "api_key", old.Id.ToString(),
            $"Rolled API key \"{old.Name}\" ({old.Prefix}…) to {key.Prefix}…; the old key "
            + (overlap == TimeSpan.Zero ? "stopped working at once." : $"works until {old.ExpiresAt:u}."), old.MerchantId);
        changes.Add(db, ChangeTopics.ApiKey, ReferenceCache.ApiKeyKey(old.Id));
        await db.SaveChangesAsync(ct);
        cache.ForgetApiKey(old.Id);
        return new CreatedApiKey(key, secret);
    }

    private static async Task<Result<ApiKey>> FindToManageAsync(PortalDb db, Guid keyId, Actor actor, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null || !actor.MaySee(key.MerchantId))
        {
            return ApiKeyErrors.NotFound;
        }

        return await CheckAccessAsync(db, key.MerchantId, actor, manage: true, ct) is { } refused ? refused : key;
    }

    private static async Task<Error?> CheckAccessAsync(PortalDb db, Guid merchantId, Actor actor, bool manage, CancellationToken ct)
    {
        var merchant = actor.MaySee(merchantId)
            ? await db.Merchants.AsNoTracking().Where(m => m.Id == merchantId).Select(m => new { m.MerchantUsersManageApiKeys }).FirstOrDefaultAsync(ct)
            : null;
        if (merchant is null)
        {
            return ApiKeyErrors.MerchantNotFound;
        }

        var allowed = manage
            ? ApiKeyPermissions.MayManage(actor, merchant.MerchantUsersManageApiKeys)
            : ApiKeyPermissions.MayView(actor, merchant.MerchantUsersManageApiKeys);
        return allowed ? null : ApiKeyErrors.NotAllowed;
    }

    private static Error? Validate(CreateApiKey request, DateTime now)
    {
        List<Error> errors = [];
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Add(ApiKeyErrors.NameRequired);
        }
        else if (request.Name.Trim().Length > ApiKeyErrors.MaxNameLength)
        {
            errors.Add(ApiKeyErrors.NameTooLong);
        }

        if (request.Scopes is not { Count: > 0 })
        {
            errors.Add(ApiKeyErrors.ScopesRequired);
        }
        else
        {
            errors.AddRange(request.Scopes.Where(s => !Scopes.All.Contains(s)).Select(ApiKeyErrors.ScopeUnknown));
        }

        if (request.ExpiresAt is { } expires && expires <= now)
        {
            errors.Add(ApiKeyErrors.ExpiryInPast);
        }

        var ips = request.AllowedIps ?? [];
        if (ips.Count > ApiKeyErrors.MaxAllowedIps)
        {
            errors.Add(ApiKeyErrors.TooManyAllowedIps);
        }
        else
        {
            errors.AddRange(ips.Where(ip => !IPNetwork.TryParse(ip.Trim(), out _) && !IPAddress.TryParse(ip.Trim(), out _))
                .Select(ApiKeyErrors.AllowedIpInvalid));
        }

        return Error.Combine(errors);
    }
}
