using MerchantPortal.Web.Api;
using MerchantPortal.Web.Components;
using MerchantPortal.Web.Components.Account;
using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Web.Features.Audit;
using MerchantPortal.Web.Features.Balance;
using MerchantPortal.Web.Features.Orders;
using MerchantPortal.Web.Features.Payments;
using MerchantPortal.Web.Operations;
using MerchantPortal.Web.Security;

namespace MerchantPortal.Web;

public static class WebPipeline
{
    /// <summary>The request pipeline: errors (problem+json on /api), security headers, logging, auth, the API's rate limits, antiforgery.</summary>
    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiErrors();
        app.UseSecurityHeaders();
        app.UseRequestLogging();
        app.UseAuthentication();
        app.UseApiKeyUsage();
        app.UseApiCallers();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Maps the portal's pages and endpoints.</summary>
    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        // The security headers middleware already sends frame-ancestors 'none'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountEndpoints();
        app.MapOrdersExport();
        app.MapAuditExport();
        app.MapOrderCodesExport();
        app.MapLedgerExport();
        app.MapPortalHealthChecks();
        app.MapStripeWebhook();
        app.MapPublicApi();
        return app;
    }
}
