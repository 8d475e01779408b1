using System.Text.Encodings.Web;
using MerchantPortal.Identity;
using MerchantPortal.Email;
using Microsoft.AspNetCore.Identity;

namespace MerchantPortal.Web.Components.Account.Email;

/// <summary>
/// The account emails the portal sends (password reset, invitation). Delivery is left to an
/// <see cref="IEmailTransport"/>: SMTP when configured, the log otherwise.
/// </summary>
internal sealed class PortalEmail(IEmailTransport transport) : IEmailSender<PortalUser>
{
    public Task SendConfirmationLinkAsync(PortalUser user, string email, string confirmationLink) =>
        transport.SendAsync(email, "Confirm your email",
            $"Please confirm your Merchant Portal account by <a href='{HtmlEncoder.Default.Encode(confirmationLink)}'>clicking here</a>.",
            confirmationLink);

    public Task SendPasswordResetLinkAsync(PortalUser user, string email, string resetLink) =>
        transport.SendAsync(email, "Reset your password",
            $"Reset your Merchant Portal password by <a href='{HtmlEncoder.Default.Encode(resetLink)}'>clicking here</a>. The link works once and expires within a day.",
            resetLink);

    public Task SendPasswordResetCodeAsync(PortalUser user, string email, string resetCode) =>
        transport.SendAsync(email, "Reset your password",
            $"Your Merchant Portal password reset code is {HtmlEncoder.Default.Encode(resetCode)}.", null);

    public Task SendInvitationAsync(PortalUser user, string setPasswordLink) =>
        transport.SendAsync(user.Email!, "You're invited to Merchant Portal",
            $"Hello {HtmlEncoder.Default.Encode(user.DisplayName)}, an administrator created a Merchant Portal account for you. " +
            $"<a href='{HtmlEncoder.Default.Encode(setPasswordLink)}'>Choose your password</a> to sign in.",
            setPasswordLink);
}
