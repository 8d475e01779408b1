using MerchantPortal.Events;
using MerchantPortal.Web.Features.Balance.Api;
using MerchantPortal.Web.Features.Catalog.Api;
using MerchantPortal.Web.Features.Orders.Api;
using MerchantPortal.Web.Features.Refunds.Api;
using MerchantPortal.Web.Features.Webhooks.Api;

namespace MerchantPortal.Web.Api;

/// <summary>The public REST API under <c>/api/v1</c>: its services, and its routes.</summary>
public static class ApiRegistration
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddPublicApi(this IServiceCollection services)
    {
        services.AddApiJson();
        services.AddApiRateLimiting();
        services.AddApiDocumentation();
        services.AddSingleton<ApiIdempotency>();
        services.AddSingleton<OrderApiReader>();
        services.AddSingleton<IOrderSnapshotter, OrderSnapshotter>();
        return services;
    }

    /// <summary>The /api/v1 group (API keys only, rate limited per key) with every feature's endpoints, and the OpenAPI document.</summary>
    public static RouteGroupBuilder MapPublicApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix)
            .RequireRateLimiting(ApiRateLimiting.PolicyName)
            .DisableAntiforgery();
        api.MapCatalogApi();
        api.MapOrdersApi();
        api.MapRefundsApi();
        api.MapBalanceApi();
        api.MapWebhookEndpointsApi();
        app.MapApiDocumentation();
        return api;
    }
}
