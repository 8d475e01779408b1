using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace MerchantPortal.Web.Api;

/// <summary>
/// Reads a JSON request body, or says precisely why it cannot: over <see cref="MaxBytes"/> (413, by
/// Content-Length or while reading a chunked body), not JSON (415), malformed or mistyped (400
/// <c>INVALID_JSON</c>), or carrying a field the endpoint does not know (400 <c>UNKNOWN_FIELD</c>).
/// </summary>
public static partial class ApiBody
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body as <typeparamref name="T"/>; an absent body is refused unless <paramref name="optional"/> (then null).</summary>
    public static async Task<ApiRead<T>> ReadAsync<T>(HttpContext context, bool optional = false) where T : class
    {
        var request = context.Request;
        if (request.ContentLength > MaxBytes)
        {
            return TooLarge<T>();
        }

        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            return optional ? new ApiRead<T>(null, null) : ApiRead<T>.Refused(ApiResults.BadRequest("INVALID_JSON", "The request needs a JSON body."));
        }

        if (!IsJson(request.ContentType))
        {
            return ApiRead<T>.Refused(new ApiProblemResult(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"Send the body as application/json, not {(string.IsNullOrEmpty(request.ContentType) ? "without a Content-Type" : request.ContentType)}."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return TooLarge<T>();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return optional ? new ApiRead<T>(null, null) : ApiRead<T>.Refused(ApiResults.BadRequest("INVALID_JSON", "The request needs a JSON body."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options(context.RequestServices));
            return value is null
                ? ApiRead<T>.Refused(ApiResults.BadRequest("INVALID_JSON", "The body must be a JSON object, not null."))
                : new ApiRead<T>(value, null);
        }
        catch (JsonException e)
        {
            return ApiRead<T>.Refused(Describe(e));
        }
    }

    private static ApiRead<T> TooLarge<T>() where T : class => ApiRead<T>.Refused(
        new ApiProblemResult(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"The body can be at most {MaxBytes / 1024} KB."));

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static ApiProblemResult Describe(JsonException e)
    {
        var where = $"at {e.Path ?? "$"} (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})";
        if (UnmappedMember().Match(e.Message) is { Success: true } unknown)
        {
            return ApiResults.BadRequest("UNKNOWN_FIELD", $"Unknown field \"{unknown.Groups[1].Value}\" {where}. Remove it, or check its spelling.");
        }

        return ApiResults.BadRequest("INVALID_JSON", $"The body could not be read {where}: the JSON is malformed or a value has the wrong type.");
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();
}

/// <summary>A body read, or the problem to answer instead.</summary>
public sealed record ApiRead<T>(T? Value, ApiProblemResult? Refusal) where T : class
{
    public static ApiRead<T> Refused(ApiProblemResult refusal) => new(null, refusal);
}
