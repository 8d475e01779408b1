using System.Net;
using MerchantPortal.StripeSandbox.Endpoints;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Operations;
using MerchantPortal.StripeSandbox.Pages;
using MerchantPortal.StripeSandbox.State;
using MerchantPortal.StripeSandbox.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MerchantPortal.StripeSandbox;

/// <summary>
/// A Stripe-compatible API on its own loopback port: Stripe's <c>/v1/…</c> paths at the root (as
/// stripe-mock serves them), so a Stripe client works against it with only <see cref="BaseUri"/> as its API
/// base. It keeps customers, payment methods, setup and payment intents, charges, refunds, events and
/// webhook endpoints; sends signed webhooks; and serves the card form (<c>/sandbox/setup</c>) and the
/// 3-D Secure challenge page that stand in for Stripe.js.
/// </summary>
public sealed class StripeSandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxStore _store;
    private readonly WebhookDispatcher _webhooks;
    private readonly RefundSettlement _refundSettlement;
    private readonly Task _persistence;
    private int _disposed;

    private StripeSandboxServer(
        WebApplication app, SandboxStore store, WebhookDispatcher webhooks, RefundSettlement refundSettlement, Task persistence, Uri baseUri, StripeSandboxOptions options)
    {
        _app = app;
        _store = store;
        _webhooks = webhooks;
        _refundSettlement = refundSettlement;
        _persistence = persistence;
        BaseUri = baseUri;
        SecretKey = options.SecretKey;
        PublishableKey = options.PublishableKey;
    }

    /// <summary>Where the sandbox listens, e.g. <c>http://127.0.0.1:41234/</c>: the API base for Stripe clients.</summary>
    public Uri BaseUri { get; }

    public string SecretKey { get; }

    public string PublishableKey { get; }

    /// <summary>Every webhook delivery attempt so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<WebhookDeliveryAttempt> DeliveryAttempts => _webhooks.Log.Snapshot();

    /// <summary>Loads the data file (if any), binds 127.0.0.1 and starts serving.</summary>
    public static async Task<StripeSandboxServer> StartAsync(StripeSandboxOptions options, ILoggerFactory? loggerFactory = null, CancellationToken ct = default)
    {
        Validate(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        var clock = TimeProvider.System;
        var urls = new SandboxUrls();
        var store = new SandboxStore(SandboxPersistence.Load(options.DataFile), urls, clock);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(StripeSandboxServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        var services = builder.Services;
        services.AddRouting();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(store);
        services.AddSingleton(new ApiKeys(options.SecretKey, options.PublishableKey));
        services.AddSingleton(new IdempotencyStore(store, clock));
        services.AddSingleton(new RefundSettings(options.RefundSettleDelay));

        var persistence = options.DataFile is null
            ? null
            : new SandboxPersistence(options.DataFile, store, loggerFactory.CreateLogger<SandboxPersistence>());
        var app = builder.Build();
        if (persistence is not null)
        {
            app.Use(SaveBeforeAnswering(persistence));
        }

        app.UseWhen(http => http.Request.Path.StartsWithSegments("/v1"), api => api
            .UseMiddleware<ApiErrorMiddleware>()
            .UseMiddleware<ApiRequestMiddleware>()
            .UseMiddleware<IdempotencyMiddleware>()
            .UseMiddleware<ApiParamsMiddleware>());
        MapEndpoints(app);

        var webhooks = new WebhookDispatcher(store, options.WebhookRetryDelays, clock, loggerFactory.CreateLogger<WebhookDispatcher>());
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            store.Complete();
            await webhooks.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        urls.Base = new Uri(address.TrimEnd('/') + "/");
        var refundSettlement = new RefundSettlement(store, clock, loggerFactory.CreateLogger<RefundSettlement>());
        var saving = persistence is null ? Task.CompletedTask : Task.Run(persistence.RunAsync, CancellationToken.None);
        loggerFactory.CreateLogger<StripeSandboxServer>().LogInformation("Stripe sandbox listening on {BaseUri}.", urls.Base);
        return new StripeSandboxServer(app, store, webhooks, refundSettlement, saving, urls.Base, options);
    }

    /// <summary>
    /// Stops serving, settling refunds (settlements not yet due stay in the data file for the next start) and
    /// sending webhooks (pending retries stay recorded on their events), and saves the data file last.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        await _refundSettlement.DisposeAsync();
        await _webhooks.DisposeAsync();
        _store.Complete();
        await _persistence;
    }

    /// <summary>
    /// A request that may have changed something (anything but GET and HEAD) is answered only once the data file
    /// holds the change: a client that was told "succeeded" is never told otherwise after the sandbox restarts.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> SaveBeforeAnswering(SandboxPersistence persistence) => (http, next) =>
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.OnStarting(() =>
            {
                persistence.Save();
                return Task.CompletedTask;
            });
        }

        return next(http);
    };

    private static void MapEndpoints(WebApplication app)
    {
        app.MapCustomerEndpoints();
        app.MapPaymentMethodEndpoints();
        app.MapSetupIntentEndpoints();
        app.MapPaymentIntentEndpoints();
        app.MapChargeEndpoints();
        app.MapRefundEndpoints();
        app.MapEventEndpoints();
        app.MapWebhookEndpointEndpoints();
        app.MapFallback("/v1/{**path}", (HttpContext http) =>
        {
            throw ApiErrors.UnrecognizedUrl(http.Request.Method, http.Request.Path.Value ?? "/");
        });
        app.MapSetupPage();
        app.MapAuthenticationPage();
    }

    private static void Validate(StripeSandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort, nameof(options.Port));
        if (string.IsNullOrWhiteSpace(options.SecretKey) || !options.SecretKey.StartsWith("sk_", StringComparison.Ordinal) || options.SecretKey.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("The secret key must start with sk_ and contain no whitespace.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.PublishableKey) || !options.PublishableKey.StartsWith("pk_", StringComparison.Ordinal) || options.PublishableKey.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("The publishable key must start with pk_ and contain no whitespace.", nameof(options));
        }

        if (options.WebhookRetryDelays is null || options.WebhookRetryDelays.Any(d => d < TimeSpan.Zero))
        {
            throw new ArgumentException("Webhook retry delays must be given and not negative.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.RefundSettleDelay, TimeSpan.Zero, nameof(options.RefundSettleDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.RefundSettleDelay, StripeSandboxOptions.MaximumRefundSettleDelay, nameof(options.RefundSettleDelay));
    }
}
