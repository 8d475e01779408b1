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

    public UnreliableStripeConnection() => _inner = new SystemNetHttpClient(_http, maxNetworkRetries: 0);

    /// <summary>While true, requests to <see cref="FailingPath"/> never reach Stripe.</summary>
    public bool Down { get; set; }

    /// <summary>While true, requests to <see cref="FailingPath"/> reach Stripe but their answer is lost on the way back.</summary>
    public bool LoseAnswers { get; set; }

    /// <summary>While true, requests to <see cref="FailingPath"/> are answered 409, as Stripe answers while it still works on the same idempotency key.</summary>
    public bool StillProcessing { get; set; }

    public string FailingPath { get; set; } = "/v1/payment_intents";

    /// <summary>Called before every request goes out (tests check what holds while Stripe is called).</summary>
    public Action<StripeRequest>? BeforeEachRequest { get; set; }

    public async Task<StripeResponse> MakeRequestAsync(StripeRequest request, CancellationToken cancellationToken = default)
    {
        BeforeEachRequest?.Invoke(request);
        var affected = request.Uri.AbsolutePath.StartsWith(FailingPath, StringComparison.Ordinal);
        if (affected && Down)
        {
            throw new HttpRequestException("Connection refused (simulated).");
        }

        if (affected && StillProcessing)
        {
            using var conflict = new HttpResponseMessage(HttpStatusCode.Conflict);
            return new StripeResponse(HttpStatusCode.Conflict, conflict.Headers,
                """{"error":{"type":"idempotency_error","code":"idempotency_key_in_use","message":"There is currently another in-progress request using this idempotency key."}}""");
        }

        var response = await _inner.MakeRequestAsync(request, cancellationToken);
        return affected && LoseAnswers ? throw new HttpRequestException("Connection reset while reading the answer (simulated).") : response;
    }

    public Task<StripeStreamedResponse> MakeStreamingRequestAsync(StripeRequest request, CancellationToken cancellationToken = default) =>
        _inner.MakeStreamingRequestAsync(request, cancellationToken);

    public void Dispose() => _http.Dispose();
}
