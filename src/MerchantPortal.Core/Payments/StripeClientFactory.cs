using Microsoft.Extensions.Options;
using Stripe;

namespace MerchantPortal.Payments;

/// <summary>
/// One <see cref="IStripeClient"/> for the app, built from <see cref="StripeOptions"/> the first time it is
/// needed (after the sandbox, if any, has started and set the API base). An <see cref="IHttpClient"/>
/// registered in the container (a proxy, extra telemetry) carries its requests; otherwise Stripe.net's own.
/// </summary>
public sealed class StripeClientFactory(IOptionsMonitor<StripeOptions> options, IHttpClient? httpClient = null)
{
    private readonly Lock _lock = new();
    private IStripeClient? _client;
    private string? _builtFor;

    public IStripeClient Client
    {
        get
        {
            var current = options.CurrentValue;
            var key = $"{current.SecretKey}|{current.ApiBase}";
            lock (_lock)
            {
                if (_client is null || _builtFor != key)
                {
                    if (!current.IsConfigured)
                    {
                        throw new InvalidOperationException("Stripe:SecretKey is not configured.");
                    }

                    var clientOptions = new StripeClientOptions { ApiKey = current.SecretKey, HttpClient = httpClient };
                    if (!string.IsNullOrWhiteSpace(current.ApiBase))
                    {
                        clientOptions.ApiBase = current.ApiBase.TrimEnd('/');
                    }

                    _client = new StripeClient(clientOptions);
                    _builtFor = key;
                }

                return _client;
            }
        }
    }
}
