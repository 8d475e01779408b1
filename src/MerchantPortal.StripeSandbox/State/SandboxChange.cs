using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.Objects;

namespace MerchantPortal.StripeSandbox.State;

/// <summary>
/// One change to the sandbox, made under the store's lock: new ids and sequence numbers, the time of the
/// change, the events it emits (each with the webhook endpoints that must receive it) and the refund
/// settlements it schedules.
/// </summary>
internal sealed class SandboxChange(RenderContext render, ChangeOrigin origin, DateTimeOffset time)
{
    private readonly List<PendingDelivery> _deliveries = [];
    private readonly List<PendingSettlement> _settlements = [];
    private readonly long _now = time.ToUnixTimeSeconds();

    public SandboxData Data => render.Data;

    public RenderContext Render => render;

    /// <summary>The change's time, in Unix seconds as Stripe's <c>created</c>.</summary>
    public long Now => _now;

    /// <summary>The change's time to the clock's precision, for scheduling what happens later.</summary>
    public DateTimeOffset Time => time;

    public IReadOnlyList<PendingDelivery> Deliveries => _deliveries;

    public IReadOnlyList<PendingSettlement> Settlements => _settlements;

    /// <summary>A number that orders objects by creation, newest last (lists show them newest first).</summary>
    public long NextSequence() => ++Data.LastSequence;

    /// <summary>The object as the API shows it right now, for the <c>previous_attributes</c> of a later update event.</summary>
    public JsonObject Snapshot(string objectId) =>
        ObjectLookup.Render(render, objectId) ?? throw new InvalidOperationException($"{objectId} does not exist.");

    /// <summary>Asks for the refund's recorded settlement to be applied when it falls due.</summary>
    public void ScheduleSettlement(string refundId, DateTimeOffset at) => _settlements.Add(new PendingSettlement(refundId, at));

    /// <summary>Records an event whose <c>data.object</c> is the object as it is now.</summary>
    public void Emit(string type, string objectId) => Emit(type, objectId, previousAttributes: null);

    /// <summary>
    /// Records an update event with the top-level fields that changed since <paramref name="before"/>; a field
    /// that only appeared (such as <c>failure_reason</c>) was null before, as Stripe reports it.
    /// </summary>
    public void EmitUpdate(string type, string objectId, JsonObject before)
    {
        var after = Snapshot(objectId);
        var previous = new JsonObject();
        foreach (var (name, value) in before)
        {
            if (!JsonNode.DeepEquals(value, after[name]))
            {
                previous[name] = value?.DeepClone();
            }
        }

        foreach (var (name, value) in after)
        {
            if (value is not null && !before.ContainsKey(name))
            {
                previous[name] = null;
            }
        }

        if (previous.Count > 0)
        {
            Emit(type, objectId, previous);
        }
    }

    private void Emit(string type, string objectId, JsonObject? previousAttributes)
    {
        var endpoints = Data.WebhookEndpoints.Values
            .Where(e => e.Receives(type))
            .OrderBy(e => e.Sequence)
            .Select(e => e.Id)
            .ToList();
        var record = new EventRecord
        {
            Id = SandboxIds.New("evt"),
            Sequence = NextSequence(),
            Created = _now,
            Type = type,
            Object = Snapshot(objectId),
            PreviousAttributes = previousAttributes,
            RequestId = origin.RequestId,
            IdempotencyKey = origin.IdempotencyKey,
            PendingWebhooks = endpoints.Count,
            Undelivered = endpoints.ToDictionary(endpoint => endpoint, _ => new WebhookProgressRecord { NextAttemptAt = time }),
        };
        Data.Events[record.Id] = record;
        _deliveries.AddRange(endpoints.Select(endpoint => new PendingDelivery(record.Id, endpoint)));
    }
}

/// <summary>An event that one webhook endpoint must receive.</summary>
internal sealed record PendingDelivery(string EventId, string EndpointId);
