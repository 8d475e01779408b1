using Microsoft.AspNetCore.Components;

namespace MerchantPortal.Web.Components.Account;

/// <summary>Redirects from the statically rendered account pages, optionally with a one-shot status message.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalOrHome(uri));

    /// <summary>A return URL from the query string may only lead within the portal; anything else goes home.</summary>
    internal string LocalOrHome(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return "";
        }

        if (IsLocal(uri))
        {
            return uri;
        }

        return Uri.TryCreate(uri, UriKind.Absolute, out var absolute)
            && absolute.GetLeftPart(UriPartial.Authority) == new Uri(navigationManager.BaseUri).GetLeftPart(UriPartial.Authority)
            ? navigationManager.ToBaseRelativePath(absolute.AbsoluteUri)
            : "";
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        RedirectTo(navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters));
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    /// <summary>
    /// A relative address that stays on this site: not "//host" nor "/\host", which browsers read as another host.
    /// </summary>
    public static bool IsLocal(string uri) =>
        Uri.IsWellFormedUriString(uri, UriKind.Relative)
        && !uri.StartsWith("//", StringComparison.Ordinal)
        && !uri.StartsWith("/\\", StringComparison.Ordinal);

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context) =>
        RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(HttpContext context) =>
        RedirectToWithStatus("Account/Login", "Error: your session has ended. Please sign in again.", context);
}
