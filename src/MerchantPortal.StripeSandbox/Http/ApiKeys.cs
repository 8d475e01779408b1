using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>Checks the API key of a request: Bearer auth (or Basic with the key as user name, as curl <c>-u</c> sends it).</summary>
internal sealed class ApiKeys(string secretKey, string publishableKey)
{
    public string SecretKey { get; } = secretKey;

    /// <summary>The key the request authenticated with; throws Stripe's 401 otherwise.</summary>
    public string Authenticate(HttpRequest request)
    {
        var key = KeyFrom(request.Headers.Authorization.ToString())
            ?? throw new StripeApiException(401, "invalid_request_error",
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.");

        if (Matches(key, SecretKey))
        {
            return key;
        }

        if (Matches(key, publishableKey))
        {
            throw new StripeApiException(401, "invalid_request_error",
                "This API call cannot be made with a publishable API key. Please use a secret API key.");
        }

        throw new StripeApiException(401, "invalid_request_error", $"Invalid API Key provided: {Mask(key)}");
    }

    /// <summary>Stripe shows a wrong key with everything but its type prefix and last four characters starred out.</summary>
    public static string Mask(string key)
    {
        var prefixLength = 0;
        if (key.Length > 3 && key[2] == '_')
        {
            var second = key.IndexOf('_', 3);
            prefixLength = second > 0 ? second + 1 : 3;
        }

        var visibleTail = Math.Min(4, Math.Max(0, key.Length - prefixLength - 4));
        return key[..prefixLength] + new string('*', key.Length - prefixLength - visibleTail) + key[^visibleTail..];
    }

    private static string? KeyFrom(string authorization)
    {
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization[7..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                var user = decoded.Split(':', 2)[0];
                return user.Length > 0 ? user : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
