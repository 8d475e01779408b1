using System.Net;
using System.Text.RegularExpressions;

namespace MerchantPortal.Testing;

/// <summary>
/// Posts a statically rendered Blazor form the way a browser does: it reads the page, keeps the form's
/// hidden fields (antiforgery token, form name) and adds the visible field values.
/// </summary>
public static partial class SsrForm
{
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, IReadOnlyDictionary<string, string> fields) =>
        SubmitAsync(client, path, fields, action: path);

    /// <summary>Reads the hidden fields (the antiforgery token) of the form on <paramref name="path"/>, and posts them with the fields to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, string path, IReadOnlyDictionary<string, string> fields, string action)
    {
        var page = await client.GetStringAsync(path);
        var values = HiddenInput().Matches(page)
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Signs in through the real login form; returns the response (a redirect on success).</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        SubmitAsync(client, "Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
