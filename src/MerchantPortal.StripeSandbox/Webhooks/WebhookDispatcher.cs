using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using MerchantPortal.StripeSandbox.State;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.StripeSandbox.Webhooks;

/// <summary>
/// Sends events to webhook endpoints in the background, as Stripe does: one POST per event and endpoint,
/// signed, retried after each configured delay while the endpoint answers non-2xx or cannot be reached.
/// Deliveries run side by side, so endpoints see events in no guaranteed order. Each delivery's progress is kept
/// on its event, so a restart resumes the retries a previous run left (at once when overdue).
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(20);

    private readonly SandboxStore _store;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _sending = new(4);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _deliveries = new();
    private readonly Task _reader;

    public WebhookDispatcher(SandboxStore store, IReadOnlyList<TimeSpan> retryDelays, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    {
        _store = store;
        _retryDelays = retryDelays;
        _clock = clock;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = ResponseTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        // Read before anything can change the store, so no delivery is both resumed and handed over by the channel.
        var unfinished = store.Read(context => context.Data.Events.Values
            .SelectMany(e => e.Undelivered.Keys.Select(endpoint => new PendingDelivery(e.Id, endpoint)))
            .ToList());
        _reader = Task.Run(() => ReadAsync(unfinished));
    }

    public DeliveryLog Log { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _reader;
        await Task.WhenAll(_deliveries.Keys);
        _http.Dispose();
        _sending.Dispose();
        _stopping.Dispose();
    }

    private async Task ReadAsync(IReadOnlyList<PendingDelivery> unfinished)
    {
        foreach (var delivery in unfinished)
        {
            Start(delivery);
        }

        try
        {
            await foreach (var delivery in _store.Deliveries.ReadAllAsync(_stopping.Token))
            {
                Start(delivery);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: queued deliveries and pending retries stay recorded on their events for the next start.
        }
    }

    private void Start(PendingDelivery delivery)
    {
        var task = DeliverAsync(delivery);
        _deliveries[task] = true;
        _ = task.ContinueWith(t => _deliveries.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task DeliverAsync(PendingDelivery delivery)
    {
        await Task.Yield();
        try
        {
            while (_store.Read(context => Progress(context.Data, delivery)) is { } progress)
            {
                if (progress.NextAttemptAt - _clock.GetUtcNow() is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, _clock, _stopping.Token);
                }

                var attempt = progress.Attempts + 1;
                var message = _store.Read(context => WebhookMessage.For(context, delivery));
                var done = message is null || await SendAsync(delivery, message, attempt) || attempt > _retryDelays.Count;
                var next = done ? (DateTimeOffset?)null : _clock.GetUtcNow() + _retryDelays[attempt - 1];
                _store.Write(ChangeOrigin.None, change => Record(change.Data, delivery, attempt, next));
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down mid-retry: the delivery stays recorded on its event.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Delivering {EventId} to {EndpointId} failed unexpectedly.", delivery.EventId, delivery.EndpointId);
        }
    }

    private static WebhookProgressRecord? Progress(SandboxData data, PendingDelivery delivery) =>
        data.Events.TryGetValue(delivery.EventId, out var record) && record.Undelivered.TryGetValue(delivery.EndpointId, out var progress)
            ? new WebhookProgressRecord { Attempts = progress.Attempts, NextAttemptAt = progress.NextAttemptAt }
            : null;

    /// <summary>Records an attempt: the next one's time, or (with none) that the delivery is over.</summary>
    private static void Record(SandboxData data, PendingDelivery delivery, int attempt, DateTimeOffset? next)
    {
        if (!data.Events.TryGetValue(delivery.EventId, out var record) || !record.Undelivered.TryGetValue(delivery.EndpointId, out var progress))
        {
            return;
        }

        if (next is { } at)
        {
            progress.Attempts = attempt;
            progress.NextAttemptAt = at;
            return;
        }

        record.Undelivered.Remove(delivery.EndpointId);
        record.PendingWebhooks = Math.Max(0, record.PendingWebhooks - 1);
    }

    /// <summary>Makes one attempt and records it; true when the endpoint answered 2xx.</summary>
    private async Task<bool> SendAsync(PendingDelivery delivery, WebhookMessage message, int attempt)
    {
        await _sending.WaitAsync(_stopping.Token);
        try
        {
            var attemptedAt = _clock.GetUtcNow();
            using var request = new HttpRequestMessage(HttpMethod.Post, message.Url)
            {
                Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Stripe-Signature", WebhookSignature.Header(message.Secret, attemptedAt.ToUnixTimeSeconds(), message.Payload));
            request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };

            int? status = null;
            string? error = null;
            try
            {
                using var response = await _http.SendAsync(request, _stopping.Token);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException ex)
            {
                error = ex.Message;
            }
            catch (TaskCanceledException) when (!_stopping.IsCancellationRequested)
            {
                error = $"No response within {ResponseTimeout.TotalSeconds:0} seconds.";
            }

            var record = new WebhookDeliveryAttempt(delivery.EventId, message.EventType, delivery.EndpointId, message.Url, attempt, status, error, attemptedAt);
            Log.Add(record);
            if (!record.Succeeded)
            {
                _logger.LogInformation("Webhook {EventId} to {Url}, attempt {Attempt}: {Outcome}.",
                    delivery.EventId, message.Url, attempt, status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? error);
            }

            return record.Succeeded;
        }
        finally
        {
            _sending.Release();
        }
    }
}
