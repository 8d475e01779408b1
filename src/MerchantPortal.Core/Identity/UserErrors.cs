using MerchantPortal.Common;

namespace MerchantPortal.Identity;

/// <summary>The expected failures of user administration.</summary>
public static class UserErrors
{
    public const int MaxDisplayNameLength = 200;

    /// <summary>ASP.NET Core Identity's own column size for emails.</summary>
    public const int MaxEmailLength = 256;

    public static Error EmailRequired { get; } = new("EMAIL_REQUIRED", "Enter the user's email address.", "email");

    public static Error EmailInvalid { get; } = new("EMAIL_INVALID", "Enter a valid email address, like name@example.com.", "email");

    public static Error EmailTaken { get; } =
        new("EMAIL_TAKEN", "A user with this email address already exists.", "email") { Kind = ErrorKind.Conflict };

    public static Error DisplayNameRequired { get; } = new("DISPLAY_NAME_REQUIRED", "Enter the user's name.", "displayName");

    public static Error DisplayNameTooLong { get; } = new("DISPLAY_NAME_TOO_LONG", $"The name can be at most {MaxDisplayNameLength} characters.", "displayName");

    public static Error RoleInvalid { get; } = new("ROLE_INVALID", "Choose one of the roles Merchant, Support or Admin.", "role");

    public static Error MerchantRequired { get; } = new("MERCHANT_REQUIRED", "A merchant user must belong to a merchant account.", "merchantId");

    public static Error MerchantNotAllowed { get; } =
        new("MERCHANT_NOT_ALLOWED", "Support and Admin users work across all merchants; leave the merchant empty.", "merchantId");

    public static Error MerchantNotFound { get; } = new("MERCHANT_NOT_FOUND", "That merchant account does not exist.", "merchantId");

    public static Error NotFound { get; } = new("USER_NOT_FOUND", "That user does not exist.") { Kind = ErrorKind.NotFound };

    public static Error CannotLockSelf { get; } = new("CANNOT_LOCK_SELF", "You cannot lock your own account.") { Kind = ErrorKind.Forbidden };

    public static Error CannotChangeOwnRole { get; } =
        new("CANNOT_CHANGE_OWN_ROLE", "You cannot change your own role; ask another admin.", "role") { Kind = ErrorKind.Forbidden };

    public static Error TeamNotAllowed { get; } = new("TEAM_CHANGE_NOT_ALLOWED",
        "Only the merchant's team admins and platform admins can manage its team.") { Kind = ErrorKind.Forbidden };

    /// <summary>A password was asked for (an empty one, rather than none for an emailed link) but not given.</summary>
    public static Error PasswordRequired { get; } =
        new("PASSWORD_REQUIRED", "Enter a password, or choose to email a link instead.", "password");

    public static Error PasswordRejected(string reason) => new("PASSWORD_REJECTED", reason, "password");
}
