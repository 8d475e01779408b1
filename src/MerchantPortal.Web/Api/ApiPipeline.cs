using System.Security.Claims;
using MerchantPortal.Web.Features.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;

namespace MerchantPortal.Web.Api;

/// <summary>
/// The API's part of the request pipeline: its failures are problem+json, never the portal's HTML error and
/// not-found pages; its caller is the API key (a portal cookie never counts); and it is rate limited per key.
/// </summary>
internal static class ApiPipeline
{
    /// <summary>Inside the portal's exception handler and status code pages, so the API's answers win on /api paths.</summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseWhen(ApiProblemWriter.IsApiRequest, api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                return failure is BadHttpRequestException bad
                    ? ApiProblemWriter.WriteAsync(context, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST",
                        "The request could not be read.")
                    : ApiProblemWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "INTERNAL_ERROR",
                        "Something went wrong on our side; nothing you can fix. Quote the request_id to support if it persists.");
            },
        }));
        app.Use(async (context, next) =>
        {
            if (!ApiProblemWriter.IsApiRequest(context))
            {
                await next(context);
                return;
            }

            context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentType is null)
            {
                await WriteBareStatusAsync(context);
            }
        });
        return app;
    }

    /// <summary>After the portal's authentication: the API key (or nobody) becomes the caller, then the limiter counts per key.</summary>
    public static WebApplication UseApiCallers(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (ApiProblemWriter.IsApiRequest(context))
            {
                var key = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
                context.User = key.Succeeded ? key.Principal : new ClaimsPrincipal(new ClaimsIdentity());
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static Task WriteBareStatusAsync(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => ApiProblemWriter.WriteAsync(context, 404, "NOT_FOUND", $"There is no API endpoint at {context.Request.Path}."),
        StatusCodes.Status405MethodNotAllowed => ApiProblemWriter.WriteAsync(context, 405, "METHOD_NOT_ALLOWED",
            $"{context.Request.Method} is not allowed on {context.Request.Path}" + (context.Response.Headers.Allow is { Count: > 0 } allow ? $"; use {allow}." : ".")),
        // The endpoints declare the JSON they accept, so routing itself refuses another content type.
        StatusCodes.Status415UnsupportedMediaType => ApiProblemWriter.WriteAsync(context, 415, "UNSUPPORTED_MEDIA_TYPE",
            $"Send the body as application/json, not {context.Request.ContentType}."),
        var status => ApiProblemWriter.WriteAsync(context, status, "HTTP_" + status, "The request was refused."),
    };
}
