using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Changes;

/// <summary>Writes change feed entries and keeps this instance's subscribers; <see cref="ChangeFeedPoller"/> raises what it reads.</summary>
public sealed class ChangeFeed(IDbContextFactory<PortalDb> dbs, TimeProvider clock, ILogger<ChangeFeed> logger) : IChangeFeed
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Action<ChangeNotice>>> _subscribers = new(StringComparer.Ordinal);

    public async Task PublishAsync(string topic, string key, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        Add(db, topic, key);
        await db.SaveChangesAsync(ct);
    }

    public void Add(PortalDb db, string topic, string key) =>
        db.ChangeFeed.Add(ChangeFeedEntry.Create(topic, key, clock.GetUtcNow().UtcDateTime));

    public IDisposable Subscribe(string topic, Action<ChangeNotice> handler)
    {
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(topic, out var handlers))
            {
                _subscribers[topic] = handlers = [];
            }

            handlers.Add(handler);
        }

        return new Subscription(this, topic, handler);
    }

    /// <summary>Tells the topic's subscribers; one that throws does not keep the notice from the others.</summary>
    internal void Raise(ChangeNotice notice)
    {
        Action<ChangeNotice>[] handlers;
        lock (_gate)
        {
            handlers = _subscribers.TryGetValue(notice.Topic, out var list) ? [.. list] : [];
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(notice);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A subscriber to {Topic} failed on change {Sequence} ({Key}).", notice.Topic, notice.Sequence, notice.Key);
            }
        }
    }

    private void Unsubscribe(string topic, Action<ChangeNotice> handler)
    {
        lock (_gate)
        {
            if (_subscribers.TryGetValue(topic, out var handlers))
            {
                handlers.Remove(handler);
            }
        }
    }

    private sealed class Subscription(ChangeFeed feed, string topic, Action<ChangeNotice> handler) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(topic, handler);
    }
}
