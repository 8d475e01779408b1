namespace MerchantPortal.Auditing;

/// <summary>One field an audited action changed, with its value before and after, as a person reads them.</summary>
public sealed record AuditChange(string Field, string? Before, string? After)
{
    /// <summary>The fields whose value differs, in the order given; unchanged ones are left out.</summary>
    public static IReadOnlyList<AuditChange> Diff(params (string Field, string? Before, string? After)[] fields) =>
        [.. fields.Where(f => !string.Equals(f.Before, f.After, StringComparison.Ordinal)).Select(f => new AuditChange(f.Field, f.Before, f.After))];
}
