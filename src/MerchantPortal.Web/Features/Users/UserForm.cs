using MerchantPortal.Identity;

namespace MerchantPortal.Web.Features.Users;

/// <summary>The fields of the create/edit user dialog.</summary>
public sealed class UserForm
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Role { get; set; } = Roles.Merchant;

    public Guid? MerchantId { get; set; }

    /// <summary>For a merchant user: may invite and remove the merchant's colleagues.</summary>
    public bool IsTeamAdmin { get; set; }

    /// <summary>True: email an invitation link. False: set <see cref="Password"/> now.</summary>
    public bool InviteByEmail { get; set; } = true;

    public string Password { get; set; } = "";

    public static UserForm From(UserSummary user) => new()
    {
        Email = user.Email,
        DisplayName = user.DisplayName,
        Role = user.Role,
        MerchantId = user.MerchantId,
        IsTeamAdmin = user.IsTeamAdmin,
    };
}
