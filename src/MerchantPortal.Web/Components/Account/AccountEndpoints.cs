using MerchantPortal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace MerchantPortal.Web.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>Endpoints the account pages post to outside of Razor components.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async (
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(PageAfterSignOut(returnUrl));
        });
        return endpoints;
    }

    /// <summary>The return address as a path of the portal; one that would lead elsewhere (e.g. "/\evil.example") goes home.</summary>
    private static string PageAfterSignOut(string? returnUrl)
    {
        var path = string.IsNullOrEmpty(returnUrl) || !IdentityRedirectManager.IsLocal(returnUrl) ? "/" : $"/{returnUrl.TrimStart('/')}";
        return IdentityRedirectManager.IsLocal(path) ? path : "/";
    }
}
