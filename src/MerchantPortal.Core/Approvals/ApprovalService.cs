using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Approvals;

/// <summary>
/// The four-eyes mechanism: requests wait here until a second Support or Admin user approves or rejects
/// them. Deciding is one transaction with the subject's own change, guarded by the approval's version, so
/// two people deciding at once produce one decision.
/// </summary>
public sealed class ApprovalService(IDbContextFactory<PortalDb> dbs, IEnumerable<IApprovalHandler> handlers, AuditTrail audit, TimeProvider clock)
{
    private readonly Dictionary<string, IApprovalHandler> _handlers = handlers.ToDictionary(h => h.Kind);

    /// <summary>Waiting approvals, oldest first, for the support queue; empty for actors who cannot decide.</summary>
    public async Task<IReadOnlyList<Approval>> ListPendingAsync(Actor actor, Guid? merchantId = null, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.DecideApprovals))
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var pending = db.Approvals.AsNoTracking().Where(a => a.Status == ApprovalStatus.Pending);
        if (merchantId is { } merchant)
        {
            pending = pending.Where(a => a.MerchantId == merchant);
        }

        return await pending.OrderBy(a => a.RequestedAt).Take(200).ToListAsync(ct);
    }

    /// <summary>How many approvals wait (the navigation's badge); zero for actors who cannot decide.</summary>
    public async Task<int> CountPendingAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.DecideApprovals))
        {
            return 0;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Approvals.CountAsync(a => a.Status == ApprovalStatus.Pending, ct);
    }

    public Task<Result<Approval>> ApproveAsync(Guid approvalId, Actor actor, CancellationToken ct = default) =>
        DecideAsync(approvalId, approve: true, null, actor, ct);

    public Task<Result<Approval>> RejectAsync(Guid approvalId, string? note, Actor actor, CancellationToken ct = default) =>
        DecideAsync(approvalId, approve: false, note, actor, ct);

    private async Task<Result<Approval>> DecideAsync(Guid approvalId, bool approve, string? note, Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Capability.DecideApprovals))
        {
            return ApprovalErrors.NotAllowed;
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > ApprovalErrors.MaxNoteLength)
        {
            return ApprovalErrors.NoteTooLong;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var approval = await db.Approvals.FirstOrDefaultAsync(a => a.Id == approvalId, ct);
        if (approval is null || !actor.MaySee(approval.MerchantId))
        {
            return ApprovalErrors.NotFound;
        }

        if (approval.Status != ApprovalStatus.Pending)
        {
            return ApprovalErrors.AlreadyDecided(approval.Status, approval.DecidedByName);
        }

        if (approval.IsRequestedBy(actor))
        {
            return ApprovalErrors.OwnRequest;
        }

        var handler = _handlers[approval.Kind];
        if (approve && await handler.ApproveAsync(db, approval, actor, ct) is { } refused)
        {
            return refused;
        }

        if (!approve)
        {
            await handler.RejectAsync(db, approval, actor, note, ct);
        }

        approval.Decide(approve, actor, note, clock.GetUtcNow().UtcDateTime);
        audit.Record(db, actor, approve ? AuditActions.ApprovalApproved : AuditActions.ApprovalRejected, approval.Kind, approval.SubjectId,
            $"{(approve ? "Approved" : "Rejected")}: {approval.Summary}{(note is null ? "" : $" ({note})")}", approval.MerchantId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else decided at the same moment; their decision stands.
            await using var fresh = await dbs.CreateDbContextAsync(ct);
            var decided = await fresh.Approvals.AsNoTracking().FirstAsync(a => a.Id == approvalId, ct);
            return ApprovalErrors.AlreadyDecided(decided.Status, decided.DecidedByName);
        }

        await tx.CommitAsync(ct);
        await handler.AfterCommitAsync(approval, ct);
        return approval;
    }
}
