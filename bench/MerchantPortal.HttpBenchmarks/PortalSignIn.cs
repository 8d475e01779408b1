using System.Net;
using System.Text.RegularExpressions;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// Signs in to the portal over HTTP as a browser does: reads the sign-in page (its antiforgery cookie and the form's
/// hidden token), posts the form, and keeps the authentication cookie the app sets. The portal has no setting that
/// requires two-factor sign-in, and the seeded user has none, so the password is all it asks.
/// </summary>
internal static partial class PortalSignIn
{
    public const string CookieName = "MerchantPortal.Auth";

    /// <summary>The cookies of a signed-in session, for an <see cref="HttpClient"/> with <c>UseCookies</c>.</summary>
    public static async Task<CookieContainer> SignInAsync(Uri root, string email, string password)
    {
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = root };
        var form = await client.GetStringAsync("Account/Login");
        var token = Token().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        using var response = await client.PostAsync("Account/Login", content);
        // A successful sign-in redirects; a refused one renders the form again with 200.
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            || cookies.GetCookies(root)[CookieName] is null)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode}, no {CookieName} cookie.");
        }

        return cookies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
