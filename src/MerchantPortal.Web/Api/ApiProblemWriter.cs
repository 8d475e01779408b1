using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MerchantPortal.Web.Api;

/// <summary>
/// The API's RFC 9457 problem shape: a stable <c>type</c> URL and <c>code</c> per error, the request path as
/// <c>instance</c>, and a <c>request_id</c> to quote to support. Every API refusal is built here.
/// </summary>
public static class ApiProblemWriter
{
    public const string TypeBase = "https://docs.merchantportal.example/errors/";

    public static ProblemDetails Create(HttpContext context, int status, string code, string detail) => new()
    {
        Type = TypeBase + code.ToLowerInvariant().Replace('_', '-'),
        Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        Status = status,
        Detail = detail,
        Instance = context.Request.Path,
        Extensions =
        {
            ["code"] = code,
            ["request_id"] = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
        },
    };

    /// <summary>Writes a problem straight to the response, for middleware and authentication handlers.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string detail) =>
        WriteAsync(context, Create(context, status, code, detail));

    public static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    /// <summary>Whether the request is for the public API, whose errors are problems rather than the portal's pages.</summary>
    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
