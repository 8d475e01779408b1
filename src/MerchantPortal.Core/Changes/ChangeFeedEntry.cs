namespace MerchantPortal.Changes;

/// <summary>
/// One row of the cross-instance change feed: "the <see cref="Topic"/> thing with this <see cref="Key"/> changed".
/// Every instance's <see cref="ChangeFeedPoller"/> reads new rows in <see cref="Sequence"/> order and tells its
/// subscribers, e.g. to drop a cached API key. Rows are pruned after <see cref="ChangeFeedOptions.Retention"/>.
/// </summary>
public sealed class ChangeFeedEntry
{
    public const int MaxTopicLength = 50;
    public const int MaxKeyLength = 200;

    private ChangeFeedEntry()
    {
    }

    /// <summary>Given by the database on insert, increasing.</summary>
    public long Sequence { get; private set; }

    /// <summary>One of <see cref="ChangeTopics"/>.</summary>
    public string Topic { get; private set; } = "";

    /// <summary>Which thing changed, e.g. an API key's id.</summary>
    public string Key { get; private set; } = "";

    public DateTime At { get; private set; }

    internal static ChangeFeedEntry Create(string topic, string key, DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topic.Length, MaxTopicLength, nameof(topic));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, MaxKeyLength, nameof(key));
        return new ChangeFeedEntry { Topic = topic, Key = key, At = now };
    }
}
