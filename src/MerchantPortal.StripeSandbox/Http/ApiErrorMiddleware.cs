using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>
/// Outermost step of the <c>/v1</c> pipeline: answers <see cref="StripeApiException"/>s with Stripe's error
/// JSON and anything unexpected with Stripe's <c>api_error</c>, so a client never sees an HTML error page.
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (StripeApiException error) when (!http.Response.HasStarted)
        {
            await SandboxJson.WriteErrorAsync(http, error);
        }
        catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "The Stripe sandbox failed on {Method} {Path}.", http.Request.Method, http.Request.Path);
            await SandboxJson.WriteErrorAsync(http, new StripeApiException(
                500, "api_error", "An unknown error occurred in the Stripe sandbox; its log has the details."));
        }
    }
}
