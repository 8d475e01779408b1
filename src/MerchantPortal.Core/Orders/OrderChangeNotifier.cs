using System.Collections.Concurrent;

namespace MerchantPortal.Orders;

/// <summary>
/// Tells open pages that an order changed, so they read it again: pages of this instance as soon as the change is
/// committed, and pages of every other instance through the change feed (<see cref="OrderChangeRelay"/>) about one
/// poll interval later. Notices are hints to read again, not a log; the instance that made a change hears it twice.
/// </summary>
public sealed class OrderChangeNotifier
{
    private readonly ConcurrentDictionary<Guid, byte> _unpublished = new();

    public event Action<Guid>? OrderChanged;

    /// <summary>An order changed in this instance; called after the change is committed.</summary>
    public void Changed(Guid orderId)
    {
        _unpublished[orderId] = 0;
        Raise(orderId);
    }

    /// <summary>Tells this instance's pages, without publishing: for changes heard from the change feed.</summary>
    internal void Raise(Guid orderId) => OrderChanged?.Invoke(orderId);

    /// <summary>The orders changed here since the last call, each once, for the relay to publish.</summary>
    internal List<Guid> TakeUnpublished()
    {
        var taken = new List<Guid>();
        foreach (var orderId in _unpublished.Keys)
        {
            if (_unpublished.TryRemove(orderId, out _))
            {
                taken.Add(orderId);
            }
        }

        return taken;
    }

    /// <summary>Puts back changes a failed publish did not write, for the next one.</summary>
    internal void KeepUnpublished(IEnumerable<Guid> orderIds)
    {
        foreach (var orderId in orderIds)
        {
            _unpublished[orderId] = 0;
        }
    }
}
