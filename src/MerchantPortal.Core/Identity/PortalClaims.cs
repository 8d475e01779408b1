namespace MerchantPortal.Identity;

/// <summary>Claims the portal adds to a signed-in user's principal.</summary>
public static class PortalClaims
{
    public const string MerchantId = "merchant_id";
    public const string DisplayName = "display_name";

    /// <summary>Present ("true") for a merchant user who manages the merchant's team.</summary>
    public const string TeamAdmin = "team_admin";
}
