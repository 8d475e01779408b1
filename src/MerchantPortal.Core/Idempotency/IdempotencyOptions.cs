namespace MerchantPortal.Idempotency;

/// <summary>The <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>
    /// A key claimed this long ago by a request that never finished (its instance crashed) may be taken over by a retry;
    /// until then a retry is told the request is still in progress. Longer than any request may run.
    /// </summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(2);
}
