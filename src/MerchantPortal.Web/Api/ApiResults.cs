using MerchantPortal.Common;

namespace MerchantPortal.Web.Api;

/// <summary>
/// The one mapping from a Core <see cref="Error"/> to an HTTP answer (docs/api.md has the table): its
/// <see cref="ErrorKind"/> picks the status, its code becomes the problem's <c>code</c>.
/// </summary>
public static class ApiResults
{
    /// <summary>Seconds a client should wait before retrying when a dependency is unavailable.</summary>
    public const int UnavailableRetryAfterSeconds = 5;

    public static ApiProblemResult Problem(Error error) => error.Kind switch
    {
        ErrorKind.Validation => Validation(error.Errors.Count > 0 ? error.Errors : [error]),
        ErrorKind.Rule => new(StatusCodes.Status422UnprocessableEntity, error.Code, error.Message),
        ErrorKind.NotFound => new(StatusCodes.Status404NotFound, error.Code, error.Message),
        ErrorKind.Conflict => new(StatusCodes.Status409Conflict, error.Code, error.Message),
        ErrorKind.Forbidden => new(StatusCodes.Status403Forbidden, error.Code, error.Message),
        ErrorKind.Unauthorized => new(StatusCodes.Status401Unauthorized, error.Code, error.Message),
        ErrorKind.Unavailable => new(StatusCodes.Status503ServiceUnavailable, error.Code, error.Message) { RetryAfterSeconds = UnavailableRetryAfterSeconds },
        _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "Unknown error kind."),
    };

    /// <summary>A 422 <c>VALIDATION_FAILED</c> listing every field error.</summary>
    private static ApiProblemResult Validation(IReadOnlyList<Error> errors)
    {
        var detail = errors.Count == 1
            ? $"The request has 1 invalid field: {errors[0].Message}"
            : $"The request has {errors.Count} invalid fields.";
        return new(StatusCodes.Status422UnprocessableEntity, Error.ValidationFailedCode, detail)
        {
            FieldErrors = [.. errors.Select(e => new ApiFieldError(e.Field ?? "", e.Code, e.Message))],
        };
    }

    /// <summary>A request the API could not read (malformed JSON, a wrong type, an unknown field, a bad parameter).</summary>
    public static ApiProblemResult BadRequest(string code, string detail) => new(StatusCodes.Status400BadRequest, code, detail);
}

/// <summary>One invalid field of a request, as listed in a <c>VALIDATION_FAILED</c> problem's <c>errors</c>.</summary>
public sealed record ApiFieldError(string Field, string Code, string Message);
