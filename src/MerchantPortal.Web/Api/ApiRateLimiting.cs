using System.Globalization;
using System.Threading.RateLimiting;
using MerchantPortal.Web.Features.ApiKeys;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Api;

/// <summary>Per-key request limits of the API (<c>Api:RateLimit</c>): a token bucket per API key, or per IP address without one.</summary>
public sealed class ApiRateLimitOptions
{
    public const string SectionName = "Api:RateLimit";

    /// <summary>Requests a key may make per second, sustained.</summary>
    public int PermitsPerSecond { get; set; } = 25;

    /// <summary>Requests a key may make at once after a quiet spell.</summary>
    public int Burst { get; set; } = 50;
}

internal static class ApiRateLimiting
{
    public const string PolicyName = "api";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.SectionName);
        return services.AddRateLimiter(limiter =>
        {
            // The limiter's default rejection status is 503; a client over its limit should back off, not fail over.
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(ApiProblemWriter.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "RATE_LIMITED",
                    $"Too many requests for this API key. Retry after {seconds} second(s)."));
            };
            limiter.AddPolicy(PolicyName, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiRateLimitOptions>>().CurrentValue;
                // The API key principal is set before the limiter runs (ApiPipeline), so each key has its own bucket.
                var partition = context.User.FindFirst(ApiKeyClaims.KeyId)?.Value is { } keyId
                    ? "key:" + keyId
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, options.Burst),
                    TokensPerPeriod = Math.Max(1, options.PermitsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
    }
}
