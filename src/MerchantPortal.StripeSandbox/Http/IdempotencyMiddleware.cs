using Microsoft.AspNetCore.Http;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>
/// Stripe's idempotent requests. The key is claimed as soon as the request arrives, before its body is read,
/// so a second request with the key while the first is running is a 409 <c>idempotency_error</c>. Later, the
/// same key with the same parameters replays the first response (<c>Idempotent-Replayed: true</c>); other
/// parameters or another endpoint are a 400 <c>idempotency_error</c>. Responses that show the request never
/// started executing (validation errors, unknown objects) are not kept, so the client can correct the request
/// and retry it under the same key.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.ApiRequest();
        if (request.IdempotencyKey is not { } key)
        {
            await next(http);
            return;
        }

        var endpoint = $"{http.Request.Method} {http.Request.Path}";
        var existing = store.TryClaim(key, endpoint, out var claimed);
        if (existing is not null)
        {
            await ReplayAsync(http, existing, key, endpoint);
            return;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var kept = false;
        try
        {
            try
            {
                await next(http);
            }
            catch (StripeApiException error)
            {
                await SandboxJson.WriteErrorAsync(http, error);
            }

            kept = request.HasParams && http.Response.StatusCode is < 400 or StatusCodes.Status402PaymentRequired;
            if (kept)
            {
                store.Complete(key, claimed, request.Fingerprint, http.Response.StatusCode, http.Response.ContentType ?? "application/json", buffer.ToArray(), request.RequestId);
            }
        }
        finally
        {
            http.Response.Body = original;
            if (!kept)
            {
                store.Release(key, claimed);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyEntry existing, string key, string endpoint)
    {
        if (!existing.IsCompleted)
        {
            throw new StripeApiException(409, "idempotency_error",
                $"There is currently another in-progress request using this Stripe idempotency key (that probably means you submitted twice, and the other request is still going through): '{key}'. Please try again later.");
        }

        if (existing.Endpoint != endpoint)
        {
            throw new StripeApiException(400, "idempotency_error",
                $"Keys for idempotent requests can only be used for the same endpoint they were first used for ('{existing.Endpoint}' vs '{endpoint}'). Try using a key other than '{key}' if you meant to execute a different request.");
        }

        var request = await ApiParamsMiddleware.ReadAsync(http);
        var response = existing.Response;
        if (response.Fingerprint != request.Fingerprint)
        {
            throw new StripeApiException(400, "idempotency_error",
                $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.");
        }

        http.Response.StatusCode = response.StatusCode;
        http.Response.ContentType = response.ContentType;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        http.Response.Headers["Original-Request"] = response.OriginalRequestId;
        await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
    }
}
