using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace MerchantPortal.Webhooks;

/// <summary>
/// Makes signing secrets (<c>whsec_</c> and base64 of 32 random bytes, the Standard Webhooks format) and keeps them
/// protected at rest with ASP.NET Data Protection, whose keys live in the database so every instance can sign.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    public const string Prefix = "whsec_";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("MerchantPortal.Webhooks.SigningSecret");

    /// <summary>A new secret: its plain text (to show once) and its protected form (to store).</summary>
    public (string Plain, string Protected) Create()
    {
        var plain = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return (plain, _protector.Protect(plain));
    }

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
