using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Events;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Webhooks;

/// <summary>
/// A merchant's webhook endpoints: create, read, change, delete, rotate the secret, resume after the circuit breaker
/// paused one. Every method enforces the actor's merchant (another merchant's endpoint is "not found") and
/// capability (<see cref="Capability.ViewWebhooks"/> to read, <see cref="Capability.ManageWebhooks"/> to change;
/// API keys need <see cref="Scopes.WebhooksWrite"/>); every change is audited.
/// </summary>
public sealed class WebhookEndpointService(
    IDbContextFactory<PortalDb> dbs,
    WebhookUrlPolicy urls,
    WebhookSecrets secrets,
    JobQueue jobs,
    AuditTrail audit,
    TimeProvider clock)
{
    public const int MaxDescriptionLength = 500;

    /// <summary>How long a rotated-out secret keeps signing unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultRotationOverlap = TimeSpan.FromHours(24);

    public static readonly TimeSpan MaxRotationOverlap = TimeSpan.FromDays(7);

    /// <summary>Creates an active endpoint; the result carries its signing secret, which is never shown again.</summary>
    public async Task<Result<CreatedWebhookEndpoint>> CreateAsync(CreateWebhookEndpoint request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageWebhooks))
        {
            return WebhookErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!actor.MaySee(request.MerchantId) || !await db.Merchants.AnyAsync(m => m.Id == request.MerchantId, ct))
        {
            return WebhookErrors.MerchantNotFound;
        }

        var input = await ValidateAsync(request.Url, request.Description, request.EventTypes, ct);
        if (!input.Succeeded)
        {
            return input.Error!;
        }

        var (url, description, events) = input.Value;
        var secret = secrets.Create();
        var endpoint = WebhookEndpoint.Create(request.MerchantId, url, description, events, secret.Protected, Now);
        db.WebhookEndpoints.Add(endpoint);
        audit.Record(db, actor, AuditActions.WebhookEndpointCreated, "webhook_endpoint", endpoint.Id.ToString(),
            $"Added the webhook endpoint {url} for {string.Join(", ", events)}", endpoint.MerchantId);
        await db.SaveChangesAsync(ct);
        return new CreatedWebhookEndpoint(WebhookEndpointView.Of(endpoint), secret.Plain);
    }

    /// <summary>The merchant's endpoints, oldest first.</summary>
    public async Task<Result<IReadOnlyList<WebhookEndpointView>>> ListAsync(Guid merchantId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ViewWebhooks))
        {
            return WebhookErrors.NotAllowed;
        }

        if (!actor.MaySee(merchantId))
        {
            return WebhookErrors.MerchantNotFound;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.MerchantId == merchantId)
            .OrderBy(e => e.CreatedAt)
            .ToListAsync(ct);
        return Result<IReadOnlyList<WebhookEndpointView>>.From([.. endpoints.Select(WebhookEndpointView.Of)]);
    }

    public async Task<Result<WebhookEndpointView>> GetAsync(Guid endpointId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ViewWebhooks))
        {
            return WebhookErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoint = await FindAsync(db, endpointId, actor, ct);
        return endpoint is null ? WebhookErrors.EndpointNotFound : WebhookEndpointView.Of(endpoint);
    }

    /// <summary>
    /// Changes the URL, description, events or on/off switch (null members stay as they are). Switching on clears the
    /// failure count; switching off skips the pending deliveries.
    /// </summary>
    public async Task<Result<WebhookEndpointView>> UpdateAsync(
        Guid endpointId, UpdateWebhookEndpoint request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageWebhooks))
        {
            return WebhookErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoint = await FindAsync(db, endpointId, actor, ct);
        if (endpoint is null)
        {
            return WebhookErrors.EndpointNotFound;
        }

        var input = await ValidateAsync(
            request.Url ?? endpoint.Url, request.Description ?? endpoint.Description, request.EventTypes ?? endpoint.EventTypes, ct);
        if (!input.Succeeded)
        {
            return input.Error!;
        }

        var (url, description, events) = input.Value;
        endpoint.Change(url, description, events);
        var change = $"Changed the webhook endpoint {url} (events {string.Join(", ", events)})";
        if (request.Enabled == true && !endpoint.Enabled)
        {
            endpoint.Enable();
            change += "; enabled it";
        }
        else if (request.Enabled == false && endpoint.Enabled)
        {
            endpoint.Disable("Disabled by " + actor.Name + ".");
            // Scheduled ones would be skipped when their turn comes; those waiting for a resume have no turn.
            var pending = await db.WebhookDeliveries
                .Where(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Pending)
                .ToListAsync(ct);
            pending.ForEach(d => d.Skip());
            change += pending.Count > 0 ? $"; disabled it and skipped {pending.Count} pending deliveries" : "; disabled it";
        }

        audit.Record(db, actor, AuditActions.WebhookEndpointUpdated, "webhook_endpoint", endpoint.Id.ToString(), change, endpoint.MerchantId);
        await db.SaveChangesAsync(ct);
        return WebhookEndpointView.Of(endpoint);
    }

    /// <summary>Deletes the endpoint with its deliveries and their attempts.</summary>
    public async Task<Result> DeleteAsync(Guid endpointId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageWebhooks))
        {
            return WebhookErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoint = await FindAsync(db, endpointId, actor, ct);
        if (endpoint is null)
        {
            return WebhookErrors.EndpointNotFound;
        }

        db.WebhookEndpoints.Remove(endpoint);
        audit.Record(db, actor, AuditActions.WebhookEndpointDeleted, "webhook_endpoint", endpoint.Id.ToString(),
            $"Deleted the webhook endpoint {endpoint.Url}", endpoint.MerchantId);
        await db.SaveChangesAsync(ct);
        return Result.Success;
    }

    /// <summary>
    /// Replaces the signing secret; the result carries the new one, shown this once. The old secret keeps signing
    /// alongside it for <paramref name="overlap"/> (default 24 hours; zero retires it at once), so receivers can switch without missing a message.
    /// </summary>
    public async Task<Result<RotatedWebhookSecret>> RotateSecretAsync(
        Guid endpointId, TimeSpan? overlap, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageWebhooks))
        {
            return WebhookErrors.NotAllowed;
        }

        var keepOld = overlap ?? DefaultRotationOverlap;
        if (keepOld < TimeSpan.Zero || keepOld > MaxRotationOverlap)
        {
            return WebhookErrors.Invalid([WebhookErrors.OverlapInvalid]);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoint = await FindAsync(db, endpointId, actor, ct);
        if (endpoint is null)
        {
            return WebhookErrors.EndpointNotFound;
        }

        var secret = secrets.Create();
        endpoint.RotateSecret(secret.Protected, Now + keepOld, Now);
        audit.Record(db, actor, AuditActions.WebhookSecretRotated, "webhook_endpoint", endpoint.Id.ToString(),
            $"Rotated the signing secret of {endpoint.Url}; the old one signs until {endpoint.PreviousSecretExpiresAt?.ToString("u") ?? "now"}",
            endpoint.MerchantId);
        await db.SaveChangesAsync(ct);
        return new RotatedWebhookSecret(WebhookEndpointView.Of(endpoint), secret.Plain);
    }

    /// <summary>Resumes a paused endpoint: the failure count starts afresh and the deliveries that waited are sent now.</summary>
    public async Task<Result<WebhookEndpointView>> ResumeAsync(Guid endpointId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageWebhooks))
        {
            return WebhookErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoint = await FindAsync(db, endpointId, actor, ct);
        if (endpoint is null)
        {
            return WebhookErrors.EndpointNotFound;
        }

        if (endpoint.State != WebhookEndpointState.Paused)
        {
            return WebhookErrors.NotPaused;
        }

        endpoint.Resume();
        var waiting = await db.WebhookDeliveries
            .Where(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt == null)
            .ToListAsync(ct);
        foreach (var delivery in waiting)
        {
            delivery.Resend(Now);
            jobs.Enqueue(db, JobTypes.DeliverWebhook, delivery.Id.ToString());
        }

        audit.Record(db, actor, AuditActions.WebhookEndpointResumed, "webhook_endpoint", endpoint.Id.ToString(),
            $"Resumed the webhook endpoint {endpoint.Url}; {waiting.Count} waiting deliveries sent again", endpoint.MerchantId);
        await db.SaveChangesAsync(ct);
        return WebhookEndpointView.Of(endpoint);
    }

    /// <summary>The endpoint if it exists and the actor may see its merchant; tracked, for changes.</summary>
    internal static async Task<WebhookEndpoint?> FindAsync(PortalDb db, Guid endpointId, Actor actor, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == endpointId, ct);
        return endpoint is not null && actor.MaySee(endpoint.MerchantId) ? endpoint : null;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Every field error at once, or the normalised input.</summary>
    private async Task<Result<(string Url, string? Description, IReadOnlyList<string> Events)>> ValidateAsync(
        string? url, string? description, IReadOnlyList<string>? eventTypes, CancellationToken ct)
    {
        var errors = new List<Error>();
        var uri = urls.CheckShape(url);
        if (!uri.Succeeded)
        {
            errors.Add(uri.Error!);
        }
        else if (await urls.ResolveAsync(uri.Value, ct) is { Succeeded: false } refused)
        {
            errors.Add(refused.Error!);
        }

        var trimmed = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (trimmed?.Length > MaxDescriptionLength)
        {
            errors.Add(WebhookErrors.DescriptionTooLong);
        }

        var events = (eventTypes ?? []).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (events.Count == 0)
        {
            errors.Add(WebhookErrors.EventsRequired);
        }

        errors.AddRange(events.Where(t => !IntegrationEventTypes.Subscribable.Contains(t, StringComparer.Ordinal)).Select(WebhookErrors.UnknownEvent));
        if (errors.Count > 0)
        {
            return WebhookErrors.Invalid(errors);
        }

        // Stored as typed, so the console and the API show what the user entered.
        return (url!.Trim(), trimmed, events);
    }
}
