namespace MerchantPortal.Caching;

/// <summary>The <c>ReferenceCache</c> configuration section.</summary>
public sealed class ReferenceCacheOptions
{
    public const string SectionName = "ReferenceCache";

    /// <summary>
    /// The longest an entry is served without reading the database again. Change notices drop entries long before
    /// this; the age is the backstop for a notice that never arrives (an edit made outside the app, a poller down).
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(30);
}
