using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Webhooks;

namespace MerchantPortal.Web.Features.Webhooks.Api;

/// <summary><c>/api/v1/webhook_endpoints</c>: register, list, change and delete endpoints, and rotate their secret (docs/webhooks.md).</summary>
public static class WebhookEndpointsApi
{
    public static RouteGroupBuilder MapWebhookEndpointsApi(this RouteGroupBuilder api)
    {
        var endpoints = api.MapGroup("/webhook_endpoints").WithTags("Webhook endpoints").RequireScope(Scopes.WebhooksWrite);

        endpoints.MapPost("", CreateAsync)
            .WithName("CreateWebhookEndpoint")
            .WithSummary("Register a webhook endpoint")
            .WithDescription("Registers a URL to receive the chosen events, signed per the Standard Webhooks spec. "
                + "The answer carries the signing secret (whsec_…) this once. Honours Idempotency-Key; a replay leaves the secret out.")
            .AcceptsJson<CreateWebhookEndpointRequest>()
            .Produces<WebhookEndpointObject>(StatusCodes.Status201Created)
            .ProducesProblems(409, 422);

        endpoints.MapGet("", ListAsync)
            .WithName("ListWebhookEndpoints")
            .WithSummary("List webhook endpoints")
            .WithDescription("Every endpoint of the merchant, oldest first.")
            .Produces<ListObject<WebhookEndpointObject>>()
            .ProducesProblems();

        endpoints.MapGet("/{id:guid}", GetAsync)
            .WithName("GetWebhookEndpoint")
            .WithSummary("Retrieve a webhook endpoint")
            .WithDescription("The endpoint's settings and state (active, paused by the circuit breaker, or disabled).")
            .Produces<WebhookEndpointObject>()
            .ProducesProblems(404);

        endpoints.MapPatch("/{id:guid}", UpdateAsync)
            .WithName("UpdateWebhookEndpoint")
            .WithSummary("Change a webhook endpoint")
            .WithDescription("Changes the URL, description, events or enabled flag; fields left out stay as they are.")
            .AcceptsJson<UpdateWebhookEndpointRequest>()
            .Produces<WebhookEndpointObject>()
            .ProducesProblems(404, 422);

        endpoints.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteWebhookEndpoint")
            .WithSummary("Delete a webhook endpoint")
            .WithDescription("Deletes the endpoint with its delivery log; no more events are sent to it.")
            .Produces<DeletedWebhookEndpointObject>()
            .ProducesProblems(404);

        endpoints.MapPost("/{id:guid}/rotate_secret", RotateSecretAsync)
            .WithName("RotateWebhookSecret")
            .WithSummary("Rotate an endpoint's signing secret")
            .WithDescription("Issues a new secret, returned this once. Until expires_in seconds have passed (default 86400), "
                + "deliveries carry signatures with both the old and the new secret. Honours Idempotency-Key.")
            .AcceptsJson<RotateWebhookSecretRequest>(optional: true)
            .Produces<WebhookEndpointObject>()
            .ProducesProblems(404, 409, 422);

        return endpoints;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, WebhookEndpointService service, ApiIdempotency idempotency, CancellationToken ct)
    {
        var actor = ApiKeyClaims.ToActor(http.User);
        var read = await ApiBody.ReadAsync<CreateWebhookEndpointRequest>(http);
        if (read.Refusal is { } refused)
        {
            return refused;
        }

        var body = read.Value!;
        return await idempotency.RunAsync(http, actor, body,
            async () =>
            {
                var created = await service.CreateAsync(new CreateWebhookEndpoint(actor.MerchantId!.Value, body.Url, body.Description, body.EnabledEvents), actor, ct);
                if (!created.Succeeded)
                {
                    return IdempotentOutcome.Refused(ApiResults.Problem(created.Error!));
                }

                var endpoint = created.Value.Endpoint;
                return new IdempotentOutcome(
                    TypedResults.Created($"{ApiRegistration.Prefix}/webhook_endpoints/{endpoint.Id}", WebhookEndpointObject.From(endpoint, created.Value.Secret)),
                    StatusCodes.Status201Created, "webhook_endpoint", endpoint.Id.ToString());
            },
            earlier => ReplayAsync(service, earlier.ResourceId, earlier.StatusCode, actor, ct));
    }

    private static async Task<IResult> ListAsync(HttpContext http, WebhookEndpointService service, CancellationToken ct)
    {
        var actor = ApiKeyClaims.ToActor(http.User);
        var listed = await service.ListAsync(actor.MerchantId!.Value, actor, ct);
        return listed.Succeeded
            ? TypedResults.Ok(new ListObject<WebhookEndpointObject>("list", [.. listed.Value.Select(e => WebhookEndpointObject.From(e))], false, http.Request.Path))
            : ApiResults.Problem(listed.Error!);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, WebhookEndpointService service, CancellationToken ct)
    {
        var found = await service.GetAsync(id, ApiKeyClaims.ToActor(http.User), ct);
        return found.Succeeded ? TypedResults.Ok(WebhookEndpointObject.From(found.Value)) : ApiResults.Problem(found.Error!);
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpContext http, WebhookEndpointService service, CancellationToken ct)
    {
        var read = await ApiBody.ReadAsync<UpdateWebhookEndpointRequest>(http);
        if (read.Refusal is { } refused)
        {
            return refused;
        }

        var body = read.Value!;
        var updated = await service.UpdateAsync(id, new UpdateWebhookEndpoint(body.Url, body.Description, body.EnabledEvents, body.Enabled),
            ApiKeyClaims.ToActor(http.User), ct);
        return updated.Succeeded ? TypedResults.Ok(WebhookEndpointObject.From(updated.Value)) : ApiResults.Problem(updated.Error!);
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, WebhookEndpointService service, CancellationToken ct)
    {
        var deleted = await service.DeleteAsync(id, ApiKeyClaims.ToActor(http.User), ct);
        return deleted.Succeeded ? TypedResults.Ok(new DeletedWebhookEndpointObject(id, "webhook_endpoint", true)) : ApiResults.Problem(deleted.Error!);
    }

    private static async Task<IResult> RotateSecretAsync(Guid id, HttpContext http, WebhookEndpointService service, ApiIdempotency idempotency, CancellationToken ct)
    {
        var actor = ApiKeyClaims.ToActor(http.User);
        var read = await ApiBody.ReadAsync<RotateWebhookSecretRequest>(http, optional: true);
        if (read.Refusal is { } refused)
        {
            return refused;
        }

        var body = read.Value ?? new RotateWebhookSecretRequest();
        // Out-of-range values stay out of range (the service names the field) without overflowing TimeSpan.
        TimeSpan? overlap = body.ExpiresIn is { } seconds ? TimeSpan.FromSeconds(Math.Clamp(seconds, -1, (long)TimeSpan.FromDays(8).TotalSeconds)) : null;
        return await idempotency.RunAsync(http, actor, body,
            async () =>
            {
                var rotated = await service.RotateSecretAsync(id, overlap, actor, ct);
                return rotated.Succeeded
                    ? new IdempotentOutcome(TypedResults.Ok(WebhookEndpointObject.From(rotated.Value.Endpoint, rotated.Value.Secret)),
                        StatusCodes.Status200OK, "webhook_endpoint", id.ToString())
                    : IdempotentOutcome.Refused(ApiResults.Problem(rotated.Error!));
            },
            earlier => ReplayAsync(service, earlier.ResourceId, earlier.StatusCode, actor, ct));
    }

    /// <summary>A replay shows the endpoint as it is now, without the secret the first answer carried.</summary>
    private static async Task<IResult> ReplayAsync(WebhookEndpointService service, string? resourceId, int status, Actor actor, CancellationToken ct)
    {
        var found = Guid.TryParse(resourceId, out var id) ? await service.GetAsync(id, actor, ct) : WebhookErrors.EndpointNotFound;
        return found.Succeeded
            ? TypedResults.Json(WebhookEndpointObject.From(found.Value, replayed: true), statusCode: status)
            : ApiResults.Problem(found.Error!);
    }
}
