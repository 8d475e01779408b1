using System.Collections.Concurrent;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MerchantPortal.Testing;

/// <summary>
/// Hands the sandbox's payment and refund events to the portal's webhook processor, signed, the way Stripe's
/// delivery may: each event twice, shuffled, long after the state it describes was reached, and again after an
/// attempt the portal did not accept (the endpoint answers 500 and Stripe sends the event again later). The
/// order comes from the caller's seeded random, so a failing run can be repeated.
/// </summary>
public sealed class StripeEventCourier(CardTestHost host, Random random)
{
    private static readonly string[] PaymentAndRefundEvents = ["payment_intent.", "charge.", "refund."];

    private readonly ConcurrentDictionary<string, string> _payloads = new();
    private readonly ConcurrentDictionary<string, int> _processed = new();
    private readonly ConcurrentDictionary<string, int> _refused = new();
    private int _duplicates;

    /// <summary>How many times the processor handled each event (not as a duplicate), by event id.</summary>
    public IReadOnlyDictionary<string, int> Processed => _processed;

    /// <summary>Attempts answered as an event already handled.</summary>
    public int Duplicates => _duplicates;

    /// <summary>Attempts the portal did not accept because Stripe or the database was busy (sent again later), by reason.</summary>
    public IReadOnlyDictionary<string, int> Refused => _refused;

    /// <summary>Every event recorded so far, each twice, in a shuffled order, two at a time; an attempt refused for a passing reason is left for a later round.</summary>
    public async Task DeliverShuffledAsync()
    {
        var ids = await host.EventIdsAsync(PaymentAndRefundEvents);
        var twice = ids.Concat(ids).ToArray();
        random.Shuffle(twice);
        await Parallel.ForEachAsync(twice, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (id, _) => await TryDeliverAsync(id));
    }

    /// <summary>Rounds of <see cref="DeliverShuffledAsync"/> while the work goes on (so events race it), and one after it ended.</summary>
    public async Task DeliverDuringAsync(Task work)
    {
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(50));
            await DeliverShuffledAsync();
        }

        await work;
    }

    /// <summary>Every event recorded so far once more, one at a time, newest first; each must be accepted now.</summary>
    public async Task<IReadOnlyList<string>> DeliverAllInReverseAsync()
    {
        var ids = await host.EventIdsAsync(PaymentAndRefundEvents);
        foreach (var id in ids.Reverse())
        {
            Count(id, await DeliverAsync(id));
        }

        return ids;
    }

    private async Task TryDeliverAsync(string eventId)
    {
        try
        {
            Count(eventId, await DeliverAsync(eventId));
        }
        catch (Exception ex) when (IsPassing(ex))
        {
            _refused.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
        }
    }

    private async Task<WebhookOutcome> DeliverAsync(string eventId)
    {
        var payload = _payloads.TryGetValue(eventId, out var known) ? known : _payloads[eventId] = await host.EventPayloadAsync(eventId);
        var outcome = await host.Core.Get<StripeWebhookProcessor>().ProcessAsync(payload, CardTestHost.Sign(payload), CancellationToken.None);
        return outcome.Succeeded ? outcome.Value
            : outcome.Error == PaymentErrors.StripeUnavailable ? throw new StripeUnreachableException(eventId)
            : throw new InvalidOperationException($"Event {eventId} was refused: {outcome.Error!.Message}");
    }

    /// <summary>The processor could not read the event's object from Stripe and answered 503, so Stripe sends the event again.</summary>
    private sealed class StripeUnreachableException(string eventId) : Exception($"Event {eventId} waits for Stripe to answer.");

    private void Count(string eventId, WebhookOutcome outcome)
    {
        if (outcome == WebhookOutcome.Duplicate)
        {
            Interlocked.Increment(ref _duplicates);
        }
        else
        {
            _processed.AddOrUpdate(eventId, 1, (_, n) => n + 1);
        }
    }

    /// <summary>
    /// Stripe unreachable or failing while the processor read the object again (the endpoint answers 503), or another
    /// writer changing the same order first (500): Stripe retries either. Anything else is a fault of the portal.
    /// </summary>
    private static bool IsPassing(Exception ex) => ex is StripeUnreachableException or DbUpdateConcurrencyException;
}
