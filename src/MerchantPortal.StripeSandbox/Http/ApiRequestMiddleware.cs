using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Http;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>
/// Establishes a <c>/v1</c> request from its headers: a <c>Request-Id</c>, the API key, the
/// <c>Stripe-Version</c> and the <c>Idempotency-Key</c>. The body is read later, by <see cref="ApiParamsMiddleware"/>.
/// </summary>
internal sealed class ApiRequestMiddleware(RequestDelegate next, ApiKeys keys)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var requestId = SandboxIds.New("req", 14);
        http.Response.Headers["Request-Id"] = requestId;
        http.Response.Headers.CacheControl = "no-cache, no-store";

        keys.Authenticate(http.Request);

        string? version = http.Request.Headers["Stripe-Version"].ToString() is { Length: > 0 } header ? header : null;
        if (version is not null && !ApiVersions.IsValid(version))
        {
            throw ApiErrors.InvalidRequest($"Invalid Stripe API version: {version}");
        }

        if (version is not null)
        {
            http.Response.Headers["Stripe-Version"] = version;
        }

        string? idempotencyKey = null;
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key)
        {
            if (key.Length > 255)
            {
                throw ApiErrors.InvalidRequest("Invalid Idempotency-Key: it can be at most 255 characters long.");
            }

            idempotencyKey = key;
            http.Response.Headers["Idempotency-Key"] = key;
        }

        http.Features.Set(new ApiRequest(requestId, version, idempotencyKey, http.Request.Path.Value ?? "/"));
        await next(http);
    }
}
