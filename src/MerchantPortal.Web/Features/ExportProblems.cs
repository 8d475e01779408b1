using MerchantPortal.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MerchantPortal.Web.Features;

/// <summary>
/// The CSV exports' refusal of a filter they cannot apply: an RFC 9457 problem, status 400, with the same title for
/// every export and, where the export names one, a stable <c>code</c> and the offending <c>field</c>.
/// </summary>
public static class ExportProblems
{
    public const string InvalidFiltersTitle = "The export filters are not valid.";

    /// <summary>A refusal that only explains itself, without a code.</summary>
    public static ProblemHttpResult InvalidFilters(string detail) =>
        TypedResults.Problem(title: InvalidFiltersTitle, detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult InvalidFilters(Error error) => InvalidFilters(error.Code, error.Message, error.Field);

    public static ProblemHttpResult InvalidFilters(string code, string detail, string? field) =>
        TypedResults.Problem(
            title: InvalidFiltersTitle,
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["code"] = code, ["field"] = field });
}
