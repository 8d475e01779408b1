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
/// policies use the cookie scheme, the API's use this one). Refusals answer with problem details; a missing
/// scope is audited (throttled), a key that does not exist is only logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyAuthenticator authenticator,
    ApiKeyRefusals refusals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string FailureItem = "MerchantPortal.ApiKeyFailure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var secret = string.IsNullOrEmpty(header) ? null : presented ?? header;
        var result = await authenticator.AuthenticateAsync(secret, Context.Connection.RemoteIpAddress, Request.Path, Context.RequestAborted);
        if (!result.Succeeded)
        {
            if (result.Error == ApiKeyErrors.Unknown)
            {
                // No key to attribute it to, and an audit row per guess would let anyone fill the log: log it instead.
                Logger.LogInformation("Refused an unknown API key {Prefix}… from {Address} for {Path}.",
                    ApiKeySecret.DisplayPrefix(secret!), Context.Connection.RemoteIpAddress, Request.Path);
            }

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

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = ApiScopePolicies.RequiredScope(Context);
        if (Context.User.FindFirst(ApiKeyClaims.KeyId) is not null)
        {
            await refusals.RecordAsync(ApiKeyClaims.ToActor(Context.User),
                scope is null ? "the key lacks a scope the endpoint needs" : $"the key lacks the scope {scope}", Request.Path, Context.RequestAborted);
        }

        await ApiProblemWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, "FORBIDDEN",
            "The API key lacks the scope this endpoint needs" + (scope is null ? "." : $": {scope}."));
    }
}
