using MerchantPortal.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MerchantPortal.Webhooks;

internal static class WebhookRegistration
{
    /// <summary>Outbound webhooks: endpoint and delivery services, the two job handlers and the pinned HTTP client.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName)
            .Validate(o => o.Timeout > TimeSpan.Zero, "Webhooks:Timeout must be a positive time span, e.g. 00:00:15.")
            .Validate(o => o.PauseAfterConsecutiveFailures > 0, "Webhooks:PauseAfterConsecutiveFailures must be at least 1.")
            .Validate(o => o.EffectiveRetrySchedule.All(d => d >= TimeSpan.Zero), "Webhooks:RetrySchedule delays cannot be negative.")
            .ValidateOnStart();
        services.TryAddSingleton<IWebhookAddressResolver, DnsWebhookAddressResolver>();
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookRetrySchedule>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookAttemptRecorder>();
        services.AddSingleton<WebhookEndpointService>();
        services.AddSingleton<WebhookDeliveryService>();
        services.AddSingleton<IJobHandler, DispatchEventJobHandler>();
        services.AddSingleton<IJobHandler, DeliverWebhookJobHandler>();
        services.AddHttpClient(WebhookSender.HttpClientName, client =>
            {
                // The sender applies Webhooks:Timeout per attempt itself.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(WebhookSender.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect would go to an address nobody checked; a proxy would resolve the host itself.
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = PinnedConnection.ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        return services;
    }
}
