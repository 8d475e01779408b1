using System.Globalization;

namespace MerchantPortal.Web.Api;

/// <summary>
/// An API refusal as an endpoint result, written by <see cref="ApiProblemWriter"/>. Endpoints document their problem
/// statuses themselves (<see cref="ApiEndpointConventions"/>).
/// </summary>
public sealed class ApiProblemResult(int status, string code, string detail) : IResult, IStatusCodeHttpResult
{
    public int StatusCode => status;

    int? IStatusCodeHttpResult.StatusCode => status;

    public string Code => code;

    public IReadOnlyList<ApiFieldError> FieldErrors { get; init; } = [];

    public int? RetryAfterSeconds { get; init; }

    /// <summary>More members for the problem, e.g. the <c>order_id</c> of an order recorded as failed.</summary>
    public IReadOnlyDictionary<string, object?> Extra { get; init; } = new Dictionary<string, object?>();

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var problem = ApiProblemWriter.Create(httpContext, status, code, detail);
        if (FieldErrors.Count > 0)
        {
            problem.Extensions["errors"] = FieldErrors;
        }

        foreach (var (name, value) in Extra)
        {
            problem.Extensions[name] = value;
        }

        if (RetryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return ApiProblemWriter.WriteAsync(httpContext, problem);
    }
}
