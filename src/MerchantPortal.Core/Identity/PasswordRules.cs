namespace MerchantPortal.Identity;

/// <summary>The password rules, as configured in <see cref="IdentityRegistration"/> and explained to users.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    public const string Description =
        "Use at least 12 characters, with upper- and lower-case letters, a digit and a symbol.";
}
