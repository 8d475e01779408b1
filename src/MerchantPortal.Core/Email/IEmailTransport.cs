namespace MerchantPortal.Email;

/// <summary>
/// Delivers one HTML email; <c>link</c> is the action link it carries, if any. The account emails (Web) and the
/// service layer's own emails (delivered codes, low-balance alerts) share it: SMTP when <c>Email:Smtp:Host</c> is
/// set, the log otherwise (<see cref="EmailRegistration"/>).
/// </summary>
public interface IEmailTransport
{
    Task SendAsync(string to, string subject, string htmlBody, string? link);
}
