namespace MerchantPortal.Auditing;

/// <summary>One immutable line of the audit log: who did what to which object, and when.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public long Id { get; private set; }

    public DateTime OccurredAt { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public string ActorId { get; private set; } = "";

    public string ActorName { get; private set; } = "";

    /// <summary>The merchant whose data the action concerns, when there is one.</summary>
    public Guid? MerchantId { get; private set; }

    /// <summary>A stable dotted name such as <c>user.role_changed</c>; see <see cref="AuditActions"/>.</summary>
    public string Action { get; private set; } = "";

    public string TargetType { get; private set; } = "";

    public string TargetId { get; private set; } = "";

    /// <summary>A human-readable description of the change.</summary>
    public string Details { get; private set; } = "";

    /// <summary>The fields the action changed, before and after; empty for actions that change no field.</summary>
    public List<AuditChange> Changes { get; private set; } = [];

    public static AuditEntry Record(
        DateTime occurredAt, Actor actor, string action, string targetType, string targetId, string details, Guid? merchantId = null,
        IReadOnlyList<AuditChange>? changes = null) => new()
    {
        OccurredAt = occurredAt,
        ActorKind = actor.Kind,
        ActorId = actor.Id,
        ActorName = actor.Name,
        MerchantId = merchantId,
        Action = action,
        TargetType = targetType,
        TargetId = targetId,
        Details = details,
        Changes = [.. changes ?? []],
    };
}
