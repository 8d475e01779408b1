using Microsoft.Extensions.Logging;

namespace MerchantPortal.Email;

/// <summary>Writes emails to the log: the default when no SMTP server is configured (e.g. in Development).</summary>
internal sealed class LogEmailTransport(ILogger<LogEmailTransport> logger) : IEmailTransport
{
    public Task SendAsync(string to, string subject, string htmlBody, string? link)
    {
        logger.LogWarning("Email to {To}: {Subject}. Link: {Link}", to, subject, link ?? "(none)");
        return Task.CompletedTask;
    }
}
