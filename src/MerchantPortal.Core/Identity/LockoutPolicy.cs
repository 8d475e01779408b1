namespace MerchantPortal.Identity;

/// <summary>How many wrong passwords lock an account, and for how long.</summary>
public static class LockoutPolicy
{
    public const int MaxFailedAttempts = 6;

    public static TimeSpan Duration { get; } = TimeSpan.FromMinutes(15);
}
