namespace MerchantPortal.Web.Security;

/// <summary>The <c>Identity</c> configuration section: how quickly role and lockout changes reach open sessions.</summary>
public sealed class SessionRevalidationOptions
{
    public const string SectionName = "Identity";

    /// <summary>How often a signed-in session's cookie and live page are checked against the database.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
