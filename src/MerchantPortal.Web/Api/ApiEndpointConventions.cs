namespace MerchantPortal.Web.Api;

/// <summary>Documents an endpoint's answers for the OpenAPI document: its success type and its problem statuses.</summary>
internal static class ApiEndpointConventions
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Every authenticated endpoint can answer 401, 403 and 429; add the statuses particular to it.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Concat([401, 403, 429, 500]).Distinct())
        {
            builder.Produces<ApiProblemDocument>(status, ProblemContentType);
        }

        return builder;
    }

    /// <summary>Declares the JSON body a POST reads itself (through <see cref="ApiBody"/>).</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder, bool optional = false) where T : notnull =>
        builder.Accepts<T>(optional, "application/json").ProducesProblems(400, 413, 415);
}

/// <summary>The problem shape every API error has (docs/api.md), for the OpenAPI document.</summary>
public sealed record ApiProblemDocument(
    string Type, string Title, int Status, string Detail, string Instance, string Code, string RequestId, IReadOnlyList<ApiFieldError>? Errors);
