namespace MerchantPortal.Changes;

/// <summary>The <c>ChangeFeed</c> configuration section.</summary>
public sealed class ChangeFeedOptions
{
    public const string SectionName = "ChangeFeed";

    /// <summary>How often each instance reads new changes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long entries are kept before they are pruned.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);
}
