using MerchantPortal.StripeSandbox.Objects;
using Microsoft.AspNetCore.Http;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>
/// Reads the request's parameters (the form body of a POST and the query string, in bracket notation) and checks
/// its <c>expand[]</c> paths against what the endpoint returns, before the endpoint runs.
/// </summary>
internal sealed class ApiParamsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = await ReadAsync(http);
        if (http.GetEndpoint()?.Metadata.GetMetadata<ReturnsObject>() is { } returns)
        {
            Expansion.Validate(returns, request.Params.Expand());
        }

        await next(http);
    }

    /// <summary>Reads the parameters once; later calls return the same.</summary>
    public static async Task<ApiRequest> ReadAsync(HttpContext http)
    {
        var request = http.ApiRequest();
        if (!request.HasParams)
        {
            request.SetParams(FormParser.Parse(await PairsAsync(http.Request)));
        }

        return request;
    }

    private static async Task<List<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>> PairsAsync(HttpRequest request)
    {
        var pairs = request.Query.ToList();
        if (!HttpMethods.IsPost(request.Method) || request.ContentLength == 0)
        {
            return pairs;
        }

        if (request.HasFormContentType)
        {
            try
            {
                pairs.AddRange(await request.ReadFormAsync(request.HttpContext.RequestAborted));
            }
            catch (InvalidDataException ex)
            {
                throw ApiErrors.InvalidRequest($"Invalid request body: {ex.Message}");
            }
        }
        else if (request.ContentType is { Length: > 0 } contentType)
        {
            throw ApiErrors.InvalidRequest(
                $"Invalid request: unsupported Content-Type {contentType}. Send parameters form-encoded (application/x-www-form-urlencoded).");
        }

        return pairs;
    }
}
