using MerchantPortal.Data;

namespace MerchantPortal.Changes;

/// <summary>
/// Tells every app instance that something changed, through the database: a change is published as a row, and
/// each instance's poller raises it to that instance's subscribers (the publishing instance's too) within
/// about one poll interval. Notices are hints to refresh, not a log: an instance hears only what is committed
/// while it runs.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Publishes a change on its own, committed at once.</summary>
    Task PublishAsync(string topic, string key, CancellationToken ct = default);

    /// <summary>Adds a change to the caller's unit of work, so it is published if and only if the caller commits.</summary>
    void Add(PortalDb db, string topic, string key);

    /// <summary>Calls <paramref name="handler"/> for each change of the topic, on the poller's thread, until disposed.</summary>
    IDisposable Subscribe(string topic, Action<ChangeNotice> handler);
}
