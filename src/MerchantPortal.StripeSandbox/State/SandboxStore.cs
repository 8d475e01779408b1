using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using MerchantPortal.StripeSandbox.Objects;

namespace MerchantPortal.StripeSandbox.State;

/// <summary>
/// The sandbox's objects behind one lock: every read and change of the API and the pages runs under it,
/// so concurrent requests see and leave consistent state. After a change its events are handed to the
/// webhook dispatcher, the refund settlements it scheduled to the settlement timer, and the data file is
/// scheduled for writing.
/// </summary>
internal sealed class SandboxStore(SandboxData data, SandboxUrls urls, TimeProvider clock)
{
    public static JsonSerializerOptions FileFormat { get; } = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly Lock _lock = new();
    private long _version;
    private readonly Channel<PendingDelivery> _deliveries = Channel.CreateUnbounded<PendingDelivery>();
    private readonly Channel<PendingSettlement> _settlements = Channel.CreateUnbounded<PendingSettlement>();
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Events waiting to be sent to webhook endpoints.</summary>
    public ChannelReader<PendingDelivery> Deliveries => _deliveries.Reader;

    /// <summary>Refund settlements scheduled by changes, waiting for their time.</summary>
    public ChannelReader<PendingSettlement> Settlements => _settlements.Reader;

    /// <summary>Signals that the data changed since it was last saved.</summary>
    public ChannelReader<bool> Changed => _changed.Reader;

    public T Read<T>(Func<RenderContext, T> read)
    {
        lock (_lock)
        {
            return read(new RenderContext(data, urls));
        }
    }

    /// <summary>
    /// Runs a change. Operations check their input before they modify anything; a change that throws after
    /// modifying (a decline answered with a 402) still publishes what it did.
    /// </summary>
    public T Write<T>(ChangeOrigin origin, Func<SandboxChange, T> apply)
    {
        lock (_lock)
        {
            var change = new SandboxChange(new RenderContext(data, urls), origin, clock.GetUtcNow());
            try
            {
                return apply(change);
            }
            finally
            {
                foreach (var delivery in change.Deliveries)
                {
                    _deliveries.Writer.TryWrite(delivery);
                }

                foreach (var settlement in change.Settlements)
                {
                    _settlements.Writer.TryWrite(settlement);
                }

                _version++;
                _changed.Writer.TryWrite(true);
            }
        }
    }

    public void Write(ChangeOrigin origin, Action<SandboxChange> apply) =>
        Write(origin, change =>
        {
            apply(change);
            return true;
        });

    /// <summary>The data as the file holds it, and how many changes it includes.</summary>
    public (string Json, long Version) Serialize()
    {
        lock (_lock)
        {
            return (JsonSerializer.Serialize(data, FileFormat), _version);
        }
    }

    /// <summary>Stops handing out deliveries, settlements and change signals (the server is shutting down).</summary>
    public void Complete()
    {
        _deliveries.Writer.TryComplete();
        _settlements.Writer.TryComplete();
        _changed.Writer.TryComplete();
    }
}
