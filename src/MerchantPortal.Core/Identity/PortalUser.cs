using Microsoft.AspNetCore.Identity;

namespace MerchantPortal.Identity;

/// <summary>A person who signs in to the portal. Merchant users belong to exactly one merchant account.</summary>
public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The merchant account of a <see cref="Roles.Merchant"/> user; null for support and admin staff.</summary>
    public Guid? MerchantId { get; set; }

    /// <summary>A merchant user who may invite and remove colleagues of the same merchant (its team admin).</summary>
    public bool IsTeamAdmin { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The 30-second time step of the last authenticator code accepted: a code is good once (ASVS 6.5.1).</summary>
    public long? LastAuthenticatorTimeStep { get; set; }
}
