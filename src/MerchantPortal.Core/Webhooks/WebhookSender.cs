using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Webhooks;

/// <summary>
/// Sends one attempt: checks the URL's addresses again, POSTs the signed message to one of exactly those, and
/// reports what came back. Never throws for the receiver's failures; they are the attempt's outcome.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory httpClients, WebhookUrlPolicy urls, IOptions<WebhookOptions> options)
{
    /// <summary>The named <see cref="HttpClient"/> (redirects off, no proxy, connections pinned by <see cref="PinnedConnection"/>).</summary>
    public const string HttpClientName = "MerchantPortal.Webhooks";

    public const string UserAgent = "MerchantPortal-Webhooks/1";

    public async Task<WebhookSendResult> SendAsync(string url, WebhookMessage message, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var uri = urls.CheckShape(url);
        if (!uri.Succeeded)
        {
            return new WebhookSendResult(null, stopwatch.Elapsed, null, uri.Error!.Message);
        }

        var addresses = await urls.ResolveAsync(uri.Value, ct);
        if (!addresses.Succeeded)
        {
            return new WebhookSendResult(null, stopwatch.Elapsed, null, addresses.Error!.Message);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri.Value)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookMessage.IdHeader, message.Id);
        request.Headers.Add(WebhookMessage.TimestampHeader, message.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookMessage.SignatureHeader, message.Signature);
        request.Options.Set(PinnedConnection.Addresses, addresses.Value);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ReadExcerptAsync(response, timeout.Token);
            return new WebhookSendResult((int)response.StatusCode, stopwatch.Elapsed, excerpt, null, response.Headers.RetryAfter);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookSendResult(null, stopwatch.Elapsed, null, $"No answer within {options.Value.Timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookSendResult(null, stopwatch.Elapsed, null, ex.InnerException?.Message ?? ex.Message);
        }
    }

    /// <summary>The start of the answer's body, for the console; a body that cannot be read is left out.</summary>
    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[WebhookAttempt.MaxResponseExcerptLength * 4];
            var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            return length == 0 ? null : Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }
}
