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

    /// <summary>
    /// The share (0 to 1) of requests to <see cref="FailingPath"/> that meet one fault picked at random: never sent,
    /// answer lost after Stripe acted, a 409 "still in progress", or a 500 from Stripe.
    /// </summary>
    public double FaultRate { get; set; }

    public string FailingPath { get; set; } = "/v1/payment_intents";

    /// <summary>Called before every request goes out (tests check what holds while Stripe is called).</summary>
    public Action<StripeRequest>? BeforeEachRequest { get; set; }

    public async Task<StripeResponse> MakeRequestAsync(StripeRequest request, CancellationToken cancellationToken = default)
    {
        BeforeEachRequest?.Invoke(request);
        var affected = request.Uri.AbsolutePath.StartsWith(FailingPath, StringComparison.Ordinal);
        var fault = affected && Random.Shared.NextDouble() < FaultRate ? Random.Shared.Next(4) : -1;
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
}
