using MerchantPortal.Data;

namespace MerchantPortal.Auditing;

/// <summary>
/// Adds audit entries to the caller's unit of work, so an entry is committed together with the change it
/// describes, or not at all.
/// </summary>
public sealed class AuditTrail(TimeProvider clock)
{
    public void Record(
        PortalDb db, Actor actor, string action, string targetType, string targetId, string details, Guid? merchantId = null,
        IReadOnlyList<AuditChange>? changes = null) =>
        db.AuditEntries.Add(AuditEntry.Record(
            clock.GetUtcNow().UtcDateTime, actor, action, targetType, targetId, details, merchantId, changes));
}
