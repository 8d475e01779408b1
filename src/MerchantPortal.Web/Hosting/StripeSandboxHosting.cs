using MerchantPortal.Payments;
using MerchantPortal.StripeSandbox;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Stripe;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// In Development (<c>StripeSandbox:Enabled</c>) and without real Stripe keys, the app hosts the offline
/// Stripe sandbox on its own loopback port, points <c>Stripe:*</c> at it, and — once the app listens —
/// registers <c>/webhooks/stripe</c> as a webhook endpoint so payment events flow back as from Stripe.
/// </summary>
internal static class StripeSandboxHosting
{
    private const string SectionName = "StripeSandbox";
    private const string RegisteredBy = "merchant-portal";

    public static async Task StartStripeSandboxAsync(this WebApplication app)
    {
        var section = app.Configuration.GetSection(SectionName);
        if (!section.GetValue<bool>("Enabled") || !string.IsNullOrWhiteSpace(app.Configuration["Stripe:SecretKey"]))
        {
            return;
        }

        var dataFile = section["DataFile"];
        var options = new StripeSandboxOptions
        {
            Port = section.GetValue<int>("Port"),
            DataFile = string.IsNullOrWhiteSpace(dataFile) ? null : Path.Combine(app.Environment.ContentRootPath, dataFile),
        };
        var sandbox = await StartOnPreferredPortAsync(app, options);
        app.Lifetime.ApplicationStopped.Register(() => sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult());

        var apiBase = sandbox.BaseUri.ToString().TrimEnd('/');
        var configuration = (IConfiguration)app.Configuration;
        configuration["Stripe:SecretKey"] = sandbox.SecretKey;
        configuration["Stripe:PublishableKey"] = sandbox.PublishableKey;
        configuration["Stripe:ApiBase"] = apiBase;
        configuration["Stripe:UsesSandbox"] = "true";
        configuration["Stripe:SandboxCardFormUrl"] = $"{apiBase}/sandbox/setup";
        Refresh(app);
        app.Logger.LogInformation("Stripe sandbox listening on {ApiBase}; card payments use it instead of Stripe.", apiBase);

        app.Lifetime.ApplicationStarted.Register(() => _ = RegisterWebhookEndpointAsync(app));
    }

    /// <summary>
    /// A fixed port keeps the 3-D Secure links stored on waiting orders working across restarts; when another
    /// process holds it, the sandbox takes a free port rather than stopping the app.
    /// </summary>
    private static async Task<StripeSandboxServer> StartOnPreferredPortAsync(WebApplication app, StripeSandboxOptions options)
    {
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        try
        {
            return await StripeSandboxServer.StartAsync(options, loggers);
        }
        catch (IOException) when (options.Port != 0)
        {
            app.Logger.LogWarning(
                "Port {Port} is in use, so the Stripe sandbox takes a free port: 3-D Secure links of orders placed before this start will not open. " +
                "Free the port or set StripeSandbox:Port to keep them.", options.Port);
            options.Port = 0;
            return await StripeSandboxServer.StartAsync(options, loggers);
        }
    }

    /// <summary>Setting configuration values raises no change event, so the cached options are dropped by hand.</summary>
    private static void Refresh(WebApplication app) =>
        app.Services.GetRequiredService<IOptionsMonitorCache<StripeOptions>>().TryRemove(Options.DefaultName);

    /// <summary>Replaces endpoints left by earlier runs with one for this run's address, and keeps its secret.</summary>
    private static async Task RegisterWebhookEndpointAsync(WebApplication app)
    {
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(a => a.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                    .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
                    .Replace("://+", "://127.0.0.1", StringComparison.Ordinal))
                .First(a => a.StartsWith("http://", StringComparison.Ordinal) || a.StartsWith("https://", StringComparison.Ordinal))
                .TrimEnd('/');
            var endpoints = new WebhookEndpointService(app.Services.GetRequiredService<StripeClientFactory>().Client);
            await foreach (var old in endpoints.ListAutoPagingAsync(new WebhookEndpointListOptions { Limit = 100 }))
            {
                if (old.Metadata.TryGetValue("registered_by", out var by) && by == RegisteredBy)
                {
                    await endpoints.DeleteAsync(old.Id);
                }
            }

            var endpoint = await endpoints.CreateAsync(new WebhookEndpointCreateOptions
            {
                Url = $"{address}/webhooks/stripe",
                EnabledEvents = ["*"],
                Description = "Merchant Portal (development)",
                Metadata = new Dictionary<string, string> { ["registered_by"] = RegisteredBy },
            });
            ((IConfiguration)app.Configuration)["Stripe:WebhookSecret"] = endpoint.Secret;
            Refresh(app);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or InvalidOperationException)
        {
            app.Logger.LogError(ex, "Could not register the webhook endpoint with the Stripe sandbox; payment events will not arrive.");
        }
    }
}
