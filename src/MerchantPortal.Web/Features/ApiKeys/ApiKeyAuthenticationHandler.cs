using System.Security.Claims;
using System.Text.Encodings.Web;
using MerchantPortal.ApiKeys;
using MerchantPortal.Common;
using MerchantPortal.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.ApiKeys;

/// <summary>
/// Authenticates <c>Authorization: Bearer mp_…</c> on the public API (and only there: the portal's
/// policies use the cookie scheme, the API's use this one). Refusals answer with problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string FailureItem = "MerchantPortal.ApiKeyFailure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var result = await authenticator.AuthenticateAsync(
            string.IsNullOrEmpty(header) ? null : presented ?? header, Context.Connection.RemoteIpAddress, Context.RequestAborted);
        if (!result.Succeeded)
        {
            Context.Items[FailureItem] = result.Error;
            return AuthenticateResult.Fail(result.Error!.Message);
        }

        var principal = new ClaimsPrincipal(ApiKeyClaims.ToIdentity(result.Value, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var error = Context.Items[FailureItem] as Error ?? ApiKeyErrors.Missing;
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblemWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, error.Code, error.Message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblemWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, "FORBIDDEN",
            "The API key lacks the scope this endpoint needs" + (ApiScopePolicies.RequiredScope(Context) is { } scope ? $": {scope}." : "."));
}
