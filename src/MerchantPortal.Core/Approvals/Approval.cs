using MerchantPortal.Auditing;
using MerchantPortal.Common;

namespace MerchantPortal.Approvals;

/// <summary>
/// Something one person asked for that a second person must approve before it happens (four eyes): a large
/// refund today, a large discount later. The subject (<see cref="Kind"/>, <see cref="SubjectId"/>) is applied
/// or dropped by the kind's <see cref="IApprovalHandler"/>; the requester can never decide their own.
/// </summary>
public sealed class Approval : IVersioned
{
    private Approval()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>What waits, e.g. <see cref="ApprovalKinds.Refund"/>.</summary>
    public string Kind { get; private set; } = "";

    public string SubjectId { get; private set; } = "";

    public Guid MerchantId { get; private set; }

    /// <summary>The order it concerns, to link to.</summary>
    public Guid? OrderId { get; private set; }

    /// <summary>What will happen if approved, in words ("Refund 3 × Steam £20 key = £61.20 to Visa •••• 4242").</summary>
    public string Summary { get; private set; } = "";

    public long AmountMinor { get; private set; }

    public string Currency { get; private set; } = "";

    public ApprovalStatus Status { get; private set; }

    public ActorKind RequestedByKind { get; private set; }

    public string RequestedById { get; private set; } = "";

    public string RequestedByName { get; private set; } = "";

    public DateTime RequestedAt { get; private set; }

    public string? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    public long Version { get; private set; }

    internal static Approval Request(
        string kind, string subjectId, Guid merchantId, Guid? orderId, string summary, long amountMinor, string currency, Actor requester, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        SubjectId = subjectId,
        MerchantId = merchantId,
        OrderId = orderId,
        Summary = summary,
        AmountMinor = amountMinor,
        Currency = currency,
        Status = ApprovalStatus.Pending,
        RequestedByKind = requester.Kind,
        RequestedById = requester.Id,
        RequestedByName = requester.Name,
        RequestedAt = now,
    };

    public bool IsRequestedBy(Actor actor) => actor.IsSameAs(RequestedByKind, RequestedById);

    internal void Decide(bool approve, Actor decider, string? note, DateTime now)
    {
        if (Status != ApprovalStatus.Pending)
        {
            throw new InvalidOperationException($"Approval {Id} was already {Status}.");
        }

        Status = approve ? ApprovalStatus.Approved : ApprovalStatus.Rejected;
        DecidedById = decider.Id;
        DecidedByName = decider.Name;
        DecidedAt = now;
        DecisionNote = note;
    }
}

public enum ApprovalStatus
{
    Pending,
    Approved,
    Rejected,
}

public static class ApprovalKinds
{
    public const string Refund = "refund";
}
