using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace MerchantPortal.StripeSandbox.Pages;

/// <summary>
/// Where the pages send the browser back to. Only local http(s) addresses (localhost, loopback IPs) are
/// followed: the sandbox is a development tool and must not become an open redirect.
/// </summary>
internal static class ReturnUrls
{
    public static bool IsHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool IsLocal(string? url) =>
        IsHttp(url)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));

    /// <summary>
    /// Redirects to <paramref name="returnUrl"/> with the outcome in its query when it is local; otherwise
    /// shows the outcome on a page.
    /// </summary>
    public static IResult Redirect(string? returnUrl, IReadOnlyDictionary<string, string?> outcome, string title, string message)
    {
        if (IsLocal(returnUrl))
        {
            return Results.Redirect(QueryHelpers.AddQueryString(returnUrl!, outcome), permanent: false, preserveMethod: false);
        }

        var note = returnUrl is null
            ? "There is no return URL to go back to; you can close this page."
            : $"The return URL {returnUrl} is not a local address, so the sandbox does not send you there.";
        return PageLayout.Page(title, $"""
            <h1>{PageLayout.Encode(title)}</h1>
            <p class="done" role="status">{PageLayout.Encode(message)}</p>
            <p class="lead">{PageLayout.Encode(note)}</p>
            """);
    }
}
