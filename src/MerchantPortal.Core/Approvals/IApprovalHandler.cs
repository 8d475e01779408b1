using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;

namespace MerchantPortal.Approvals;

/// <summary>
/// Applies or drops the subject of one kind of approval, inside the caller's transaction. Approving
/// re-checks that the subject can still happen (the world may have moved since it was requested).
/// </summary>
public interface IApprovalHandler
{
    string Kind { get; }

    Task<Error?> ApproveAsync(PortalDb db, Approval approval, Actor approver, CancellationToken ct);

    Task RejectAsync(PortalDb db, Approval approval, Actor approver, string? note, CancellationToken ct);

    /// <summary>Work that must not run inside the transaction (a Stripe call), once the decision is committed.</summary>
    Task AfterCommitAsync(Approval approval, CancellationToken ct);
}
