namespace MerchantPortal.Auditing;

/// <summary>Who performs an operation: a portal user, an API key, or the system itself (workers, start-up).</summary>
public sealed record Actor(ActorKind Kind, string Id, string Name, Guid? MerchantId = null)
{
    public static Actor System { get; } = new(ActorKind.System, "system", "System");

    public static Actor User(string userId, string name, Guid? merchantId) => new(ActorKind.User, userId, name, merchantId);
}

public enum ActorKind
{
    System,
    User,
    ApiKey,
}
