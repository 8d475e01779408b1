namespace MerchantPortal.ApiKeys;

/// <summary>Settings of API keys (section <c>ApiKeys</c>).</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>How often the usage counted in memory is written to the database.</summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most one audit row per key and refusal reason in this time, however many calls are refused.</summary>
    public TimeSpan RefusedAuditInterval { get; set; } = TimeSpan.FromMinutes(1);
}
