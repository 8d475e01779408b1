using System.Security.Claims;
using MerchantPortal.ApiKeys;
using MerchantPortal.Web.Api;

namespace MerchantPortal.Web.Features.ApiKeys;

/// <summary>
/// Counts each API call made with a key once its response is known (requests, errors, replays, orders placed)
/// in the in-memory <see cref="ApiKeyUsageRecorder"/>; nothing is written to the database per request.
/// </summary>
public sealed class ApiKeyUsageMiddleware(RequestDelegate next, ApiKeyUsageRecorder recorder)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            Record(context, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode);
        }
    }

    private void Record(HttpContext context, int status)
    {
        // The API's authorization puts the key's principal on the request; an anonymous or refused call has none.
        if (!Guid.TryParse(context.User.FindFirstValue(ApiKeyClaims.KeyId), out var keyId))
        {
            return;
        }

        var replayed = string.Equals(context.Response.Headers[ApiIdempotency.ReplayedHeader], "true", StringComparison.OrdinalIgnoreCase);
        var placedOrder = status == StatusCodes.Status201Created && !replayed && HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.Equals("/api/v1/orders", StringComparison.OrdinalIgnoreCase);
        var address = context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : context.Connection.RemoteIpAddress;
        recorder.Record(keyId, new ApiKeyUsageCounts(1, status >= 400 ? 1 : 0, replayed ? 1 : 0, placedOrder ? 1 : 0), address?.ToString());
    }
}

/// <summary>Adds <see cref="ApiKeyUsageMiddleware"/> for the public API's paths.</summary>
public static class ApiKeyUsageMiddlewareExtensions
{
    public static IApplicationBuilder UseApiKeyUsage(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase),
            api => api.UseMiddleware<ApiKeyUsageMiddleware>());
}
