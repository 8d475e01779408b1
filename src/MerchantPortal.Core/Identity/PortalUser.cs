using Microsoft.AspNetCore.Identity;

namespace MerchantPortal.Identity;

/// <summary>A person who signs in to the portal. Merchant users belong to exactly one merchant account.</summary>
public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The merchant account of a <see cref="Roles.Merchant"/> user; null for support and admin staff.</summary>
    public Guid? MerchantId { get; set; }

    public DateTime CreatedAt { get; set; }
}
