using MerchantPortal.Auditing;
using MerchantPortal.Identity;

namespace MerchantPortal.ApiKeys;

/// <summary>
/// Who may see and manage a merchant's API keys: admins and the system always; support may read; the merchant's
/// own users only when the merchant allows it (<see cref="Merchants.Merchant.MerchantUsersManageApiKeys"/>).
/// Whether the actor may see the merchant at all is <see cref="Permissions.MaySee"/>'s question.
/// </summary>
public static class ApiKeyPermissions
{
    public static bool MayView(Actor actor, bool merchantUsersManageApiKeys) =>
        MayManage(actor, merchantUsersManageApiKeys) || actor is { Kind: ActorKind.User, Role: Roles.Support };

    public static bool MayManage(Actor actor, bool merchantUsersManageApiKeys) => actor.Kind switch
    {
        ActorKind.System => true,
        ActorKind.User => actor.Role == Roles.Admin || (actor.Role == Roles.Merchant && actor.MerchantId is not null && merchantUsersManageApiKeys),
        _ => false,
    };
}
