using System.Net;
using Stripe;

namespace MerchantPortal.Testing;

/// <summary>
/// Stripe.net's own HTTP client, except that while <see cref="Down"/> is set, requests to the paths it
/// names fail as if Stripe could not be reached — for testing what the portal does when a call is lost.
/// </summary>
public sealed class UnreliableStripeConnection : IHttpClient, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly SystemNetHttpClient _inner;
    private readonly Lock _chance = new();
    private Random _random = Random.Shared;

    public UnreliableStripeConnection() => _inner = new SystemNetHttpClient(_http, maxNetworkRetries: 0);

    /// <summary>While true, requests to <see cref="FailingPaths"/> never reach Stripe.</summary>
    public bool Down { get; set; }

    /// <summary>While true, requests to <see cref="FailingPaths"/> reach Stripe but their answer is lost on the way back.</summary>
    public bool LoseAnswers { get; set; }

    /// <summary>While true, requests to <see cref="FailingPaths"/> are answered 409, as Stripe answers while it still works on the same idempotency key.</summary>
    public bool StillProcessing { get; set; }

    /// <summary>
    /// The share (0 to 1) of requests to <see cref="FailingPaths"/> that meet one fault picked at random: never sent,
    /// answer lost after Stripe acted, a 409 "still in progress", or a 500 from Stripe.
    /// </summary>
    public double FaultRate { get; set; }

    /// <summary>The path prefixes whose requests fail (e.g. <c>/v1/payment_intents</c> and <c>/v1/refunds</c>).</summary>
    public IReadOnlyList<string> FailingPaths { get; set; } = ["/v1/payment_intents"];

    /// <summary>The one path prefix whose requests fail.</summary>
    public string FailingPath
    {
        get => FailingPaths[0];
        set => FailingPaths = [value];
    }

    /// <summary>Called before every request goes out (tests check what holds while Stripe is called).</summary>
    public Action<StripeRequest>? BeforeEachRequest { get; set; }

    /// <summary>Draws the faults from a sequence fixed by the seed (in the order the requests arrive), so a failing run can be repeated.</summary>
    public void UseSeed(int seed)
    {
        lock (_chance)
        {
            _random = new Random(seed);
        }
    }

    public async Task<StripeResponse> MakeRequestAsync(StripeRequest request, CancellationToken cancellationToken = default)
    {
        BeforeEachRequest?.Invoke(request);
        var path = request.Uri.AbsolutePath;
        var affected = FailingPaths.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal));
        var fault = affected ? PickFault() : -1;
        if (affected && (Down || fault == 0))
        {
            throw new HttpRequestException("Connection refused (simulated).");
        }

        if (fault == 3)
        {
            using var failure = new HttpResponseMessage(HttpStatusCode.InternalServerError);
            return new StripeResponse(HttpStatusCode.InternalServerError, failure.Headers,
                """{"error":{"type":"api_error","message":"An unknown error occurred (simulated)."}}""");
        }

        if (affected && (StillProcessing || fault == 2))
        {
            using var conflict = new HttpResponseMessage(HttpStatusCode.Conflict);
            return new StripeResponse(HttpStatusCode.Conflict, conflict.Headers,
                """{"error":{"type":"idempotency_error","code":"idempotency_key_in_use","message":"There is currently another in-progress request using this idempotency key."}}""");
        }

        var response = await _inner.MakeRequestAsync(request, cancellationToken);
        return affected && (LoseAnswers || fault == 1) ? throw new HttpRequestException("Connection reset while reading the answer (simulated).") : response;
    }

    public Task<StripeStreamedResponse> MakeStreamingRequestAsync(StripeRequest request, CancellationToken cancellationToken = default) =>
        _inner.MakeStreamingRequestAsync(request, cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>The fault this request meets (0 to 3, see <see cref="FaultRate"/>), or -1 for none.</summary>
    private int PickFault()
    {
        lock (_chance)
        {
            return _random.NextDouble() < FaultRate ? _random.Next(4) : -1;
        }
    }
}
