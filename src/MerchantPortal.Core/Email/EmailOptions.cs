namespace MerchantPortal.Email;

/// <summary>The <c>Email</c> configuration section. Without an SMTP host, emails are written to the log.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public string From { get; set; } = "Merchant Portal <no-reply@merchantportal.local>";

    public SmtpOptions Smtp { get; set; } = new();

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        public bool EnableSsl { get; set; } = true;

        public string? UserName { get; set; }

        public string? Password { get; set; }
    }
}
