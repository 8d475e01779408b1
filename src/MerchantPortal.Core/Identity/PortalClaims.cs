namespace MerchantPortal.Identity;

/// <summary>Claims the portal adds to a signed-in user's principal.</summary>
public static class PortalClaims
{
    public const string MerchantId = "merchant_id";
    public const string DisplayName = "display_name";
}
