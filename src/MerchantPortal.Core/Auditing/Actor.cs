namespace MerchantPortal.Auditing;

/// <summary>
/// Who performs an operation: a portal user (with their role), an API key (with its scopes), or the system
/// itself (workers, start-up, automatic policies). Services decide what the actor may do with
/// <see cref="Identity.Permissions"/>; a <see cref="MerchantId"/> limits the actor to that merchant's data.
/// </summary>
public sealed record Actor(
    ActorKind Kind, string Id, string Name, Guid? MerchantId = null, string? Role = null, IReadOnlySet<string>? Scopes = null)
{
    public static Actor System { get; } = new(ActorKind.System, "system", "System");

    public static Actor User(string userId, string name, Guid? merchantId, string role) => new(ActorKind.User, userId, name, merchantId, role);

    public static Actor ApiKey(string keyId, string name, Guid merchantId, IReadOnlySet<string> scopes) =>
        new(ActorKind.ApiKey, keyId, name, merchantId, Scopes: scopes);

    /// <summary>Whether this is the same person or key as the one named (e.g. the requester of an approval).</summary>
    public bool IsSameAs(ActorKind kind, string id) => Kind == kind && string.Equals(Id, id, StringComparison.Ordinal);
}

public enum ActorKind
{
    System,
    User,
    ApiKey,
}
