using System.Text;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Identity;
using MerchantPortal.Web.Components.Account.Email;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace MerchantPortal.Web.Components.Account;

/// <summary>Sends the one-time links that let a user choose a password: self-service resets and admin invitations.</summary>
internal sealed class AccountLinks(PortalEmail email, UserAdminService userAdmin, NavigationManager navigation)
{
    /// <summary>The "forgot password" email for a token the user asked for.</summary>
    public Task SendPasswordResetAsync(PortalUser user, string token) =>
        email.SendPasswordResetLinkAsync(user, user.Email!, ResetUrl(token));

    /// <summary>An admin's invitation for a new user to choose a first password.</summary>
    public async Task<Result> SendInvitationAsync(string userId, Actor admin)
    {
        var link = await userAdmin.CreatePasswordLinkAsync(userId, admin);
        if (!link.Succeeded)
        {
            return link.Error!;
        }

        await email.SendInvitationAsync(link.Value.User, ResetUrl(link.Value.Token));
        return Result.Success;
    }

    /// <summary>A password reset link an admin sends on a user's behalf.</summary>
    public async Task<Result> SendResetByAdminAsync(string userId, Actor admin)
    {
        var link = await userAdmin.CreatePasswordLinkAsync(userId, admin);
        if (!link.Succeeded)
        {
            return link.Error!;
        }

        await SendPasswordResetAsync(link.Value.User, link.Value.Token);
        return Result.Success;
    }

    private string ResetUrl(string token) => navigation.GetUriWithQueryParameters(
        navigation.ToAbsoluteUri("Account/ResetPassword").AbsoluteUri,
        new Dictionary<string, object?> { ["code"] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)) });
}
