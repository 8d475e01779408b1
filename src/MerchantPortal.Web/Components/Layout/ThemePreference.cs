namespace MerchantPortal.Web.Components.Layout;

/// <summary>
/// The light/dark choice is kept in a cookie so the server renders the right theme on the first
/// paint; without a choice the portal follows the operating system.
/// </summary>
public static class ThemePreference
{
    public const string CookieName = "mp-theme";
    public const string Light = "light";
    public const string Dark = "dark";

    public static string? Read(HttpContext? context) =>
        context?.Request.Cookies[CookieName] is Light or Dark ? context.Request.Cookies[CookieName] : null;
}
