using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using QRCoder;

namespace MerchantPortal.Web.Components.Account;

/// <summary>The shared key, otpauth URI and QR code an authenticator app scans to set up TOTP.</summary>
internal static class AuthenticatorSetup
{
    /// <summary>For a wrong code, and for a code already used once (each is good once).</summary>
    public const string CodeRefused = "Error: That code is not correct, or it was used already. Codes change every 30 seconds; wait for the next one.";

    private const string Issuer = "Merchant Portal";

    /// <summary>The key in groups of four, easier to type by hand.</summary>
    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }

    public static string OtpAuthUri(string email, string key) => string.Format(
        CultureInfo.InvariantCulture,
        "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
        UrlEncoder.Default.Encode(Issuer),
        UrlEncoder.Default.Encode(email),
        key);

    /// <summary>An inline SVG of the URI's QR code, rendered on the server.</summary>
    public static string QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(5);
    }
}
