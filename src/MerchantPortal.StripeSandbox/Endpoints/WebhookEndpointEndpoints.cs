using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.Operations;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary><c>/v1/webhook_endpoints</c>.</summary>
internal static class WebhookEndpointEndpoints
{
    public static void MapWebhookEndpointEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/v1/webhook_endpoints", Create).Returns("webhook_endpoint");
        api.MapGet("/v1/webhook_endpoints", List).ReturnsListOf("webhook_endpoint");
        api.MapGet("/v1/webhook_endpoints/{id}", Retrieve).Returns("webhook_endpoint");
        api.MapPost("/v1/webhook_endpoints/{id}", Update).Returns("webhook_endpoint");
        api.MapDelete("/v1/webhook_endpoints/{id}", Delete).Returns("deleted");
    }

    /// <summary>
    /// Events for the endpoint are rendered in its <c>api_version</c> parameter or, without one, in the
    /// <c>Stripe-Version</c> of the request that created it.
    /// </summary>
    private static IResult Create(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        var parameters = request.Params;
        parameters.AllowOnly("api_version", "description", "enabled_events", "metadata", "url");
        var apiVersion = parameters.Text("api_version");
        if (apiVersion is not null && !ApiVersions.IsValid(apiVersion))
        {
            throw ApiErrors.InvalidValue("api_version", $"Invalid API version: {apiVersion}");
        }

        var changes = new WebhookEndpointChanges(
            parameters.RequiredText("url"),
            parameters.List("enabled_events") ?? throw ApiErrors.MissingParam("enabled_events"),
            parameters.String("description"),
            parameters.Metadata(),
            Disabled: null,
            apiVersion ?? request.ApiVersion);
        WebhookEndpoints.Validate(changes);
        return store.Write(request.Origin, change =>
            ApiResponses.Object(change.Render, request, WebhookEndpointObject.Render(WebhookEndpoints.Create(change, changes), withSecret: true)));
    }

    private static IResult Retrieve(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly();
        return store.Read(context =>
            ApiResponses.Object(context, request, WebhookEndpointObject.Render(WebhookEndpoints.Find(context.Data, id))));
    }

    private static IResult Update(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        var parameters = request.Params;
        parameters.AllowOnly("description", "disabled", "enabled_events", "metadata", "url");
        var changes = new WebhookEndpointChanges(
            parameters.Text("url"),
            parameters.List("enabled_events"),
            parameters.String("description"),
            parameters.Metadata(),
            parameters.Bool("disabled"),
            ApiVersion: null);
        WebhookEndpoints.Validate(changes);
        return store.Write(request.Origin, change =>
        {
            var endpoint = WebhookEndpoints.Find(change.Data, id);
            WebhookEndpoints.Update(endpoint, changes);
            return ApiResponses.Object(change.Render, request, WebhookEndpointObject.Render(endpoint));
        });
    }

    private static IResult Delete(string id, HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly();
        return store.Write(request.Origin, change =>
        {
            var endpoint = WebhookEndpoints.Find(change.Data, id);
            change.Data.WebhookEndpoints.Remove(endpoint.Id);
            return SandboxJson.Ok(WebhookEndpointObject.Deleted(endpoint.Id));
        });
    }

    private static IResult List(HttpContext http, SandboxStore store)
    {
        var request = http.ApiRequest();
        request.Params.AllowOnly(Pagination.Params);
        return store.Read(context => ApiResponses.List(
            context,
            request,
            context.Data.WebhookEndpoints.Values,
            e => e.Id,
            e => e.Sequence,
            e => WebhookEndpointObject.Render(e),
            "webhook endpoint"));
    }
}
