using System.Net;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.ApiKeys;

/// <summary>Creates and manages merchants' API keys; every change is audited.</summary>
public sealed class ApiKeyService(IDbContextFactory<PortalDb> dbs, AuditTrail audit, IOptions<StripeOptions> stripe, TimeProvider clock)
{
    /// <summary>Creates a key and returns its secret, which is not stored and cannot be shown again.</summary>
    public async Task<Result<CreatedApiKey>> CreateAsync(CreateApiKey request, Actor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (Validate(request, now) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await CheckManagerAsync(db, request.MerchantId, actor, ct) is { } refused)
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

    /// <summary><c>mp_live_</c> only with live Stripe keys; test keys act on the same data.</summary>
    public ApiKeyMode CurrentMode =>
        !stripe.Value.UsesSandbox && stripe.Value.SecretKey?.StartsWith("sk_live_", StringComparison.Ordinal) == true
            ? ApiKeyMode.Live
            : ApiKeyMode.Test;

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
        else if (request.Scopes.FirstOrDefault(s => !Scopes.All.Contains(s)) is { } unknown)
        {
            errors.Add(ApiKeyErrors.ScopeUnknown(unknown));
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
        else if (ips.FirstOrDefault(ip => !IPNetwork.TryParse(ip.Trim(), out _) && !IPAddress.TryParse(ip.Trim(), out _)) is { } bad)
        {
            errors.Add(ApiKeyErrors.AllowedIpInvalid(bad));
        }

        return errors.Count switch
        {
            0 => null,
            1 => errors[0],
            _ => new Error("VALIDATION_FAILED", $"The request has {errors.Count} invalid fields.") { Kind = ErrorKind.Validation, Errors = errors },
        };
    }

    private static async Task<Error?> CheckManagerAsync(PortalDb db, Guid merchantId, Actor actor, CancellationToken ct)
    {
        if (!actor.MaySee(merchantId) || !await db.Merchants.AnyAsync(m => m.Id == merchantId, ct))
        {
            return ApiKeyErrors.MerchantNotFound;
        }

        return actor.Kind == ActorKind.System || actor.Role == Roles.Admin ? null : ApiKeyErrors.NotAllowed;
    }
}
