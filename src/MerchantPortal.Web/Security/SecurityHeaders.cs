using Scalar.AspNetCore;

namespace MerchantPortal.Web.Security;

internal static class SecurityHeaders
{
    // Blazor Server's WebSocket goes to this origin ('self' covers ws: and wss: to it, CSP Level 3); MudBlazor sets
    // inline styles; Stripe Elements (real keys only) loads from js.stripe.com, calls api.stripe.com and frames
    // Stripe's pages. Everything else comes from this origin.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: https://*.stripe.com; style-src 'self' 'unsafe-inline'; " +
        "script-src 'self' https://js.stripe.com; frame-src https://js.stripe.com https://hooks.stripe.com; " +
        "connect-src 'self' https://api.stripe.com; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            // Decided when the response starts, once routing has chosen the endpoint: a page that nonces its scripts (the
            // API reference) allows exactly those, and a Blazor page allows its import map by the hash of its text.
            context.Response.OnStarting(() =>
            {
                var allowed = ImportMapHash.For(context.GetEndpoint()) is { } hash ? $" {hash}" : "";
                if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                {
                    allowed += $" 'nonce-{nonce}'";
                }

                if (allowed.Length > 0)
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self'{allowed}", StringComparison.Ordinal);
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}
