namespace MerchantPortal.Auditing;

/// <summary>The stable names of audited actions.</summary>
public static class AuditActions
{
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string UserPasswordResetSent = "user.password_reset_sent";
    public const string MerchantCreated = "merchant.created";
}
