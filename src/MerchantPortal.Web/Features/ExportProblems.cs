using MerchantPortal.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MerchantPortal.Web.Features;

/// <summary>
/// The CSV exports' refusal of a filter they cannot apply: an RFC 9457 problem, status 400, with the same title for
/// every export, a stable <c>code</c> and the offending <c>field</c> (the query string key).
/// </summary>
public static class ExportProblems
{
    public const string InvalidFiltersTitle = "The export filters are not valid.";

    public static ProblemHttpResult InvalidFilters(Error error) =>
        TypedResults.Problem(
            title: InvalidFiltersTitle,
            detail: error.Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["code"] = error.Code, ["field"] = error.Field });
}
