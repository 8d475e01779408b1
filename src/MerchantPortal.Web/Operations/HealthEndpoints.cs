using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace MerchantPortal.Web.Operations;

internal static class HealthEndpoints
{
    /// <summary><c>/health</c>: 200 when the database answers, 503 otherwise, with a small JSON report.</summary>
    public static IEndpointRouteBuilder MapPortalHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                });
            },
        }).AllowAnonymous();
        return endpoints;
    }
}
