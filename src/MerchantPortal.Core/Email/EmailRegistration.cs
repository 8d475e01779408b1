using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Email;

public static class EmailRegistration
{
    /// <summary>The one email transport of the app: SMTP when a host is configured, the log otherwise.</summary>
    internal static void AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName);
        var smtpHost = configuration[$"{EmailOptions.SectionName}:Smtp:Host"];
        if (string.IsNullOrWhiteSpace(smtpHost))
        {
            services.AddSingleton<IEmailTransport, LogEmailTransport>();
        }
        else
        {
            services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        }
    }
}
