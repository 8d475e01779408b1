using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Http;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>What the API middleware learned about a <c>/v1</c> request, for its endpoint.</summary>
internal sealed class ApiRequest(string requestId, string? apiVersion, string? idempotencyKey, string path)
{
    private ApiParams? _params;

    public string RequestId { get; } = requestId;

    /// <summary>The <c>Stripe-Version</c> header, when the client sent one.</summary>
    public string? ApiVersion { get; } = apiVersion;

    public string? IdempotencyKey { get; } = idempotencyKey;

    /// <summary>The request path, which list objects echo as their <c>url</c>.</summary>
    public string Path { get; } = path;

    public ApiParams Params => _params ?? throw new InvalidOperationException("The request parameters have not been read yet.");

    /// <summary>The parameters in a canonical form: equal for two requests that ask for the same thing.</summary>
    public string Fingerprint { get; private set; } = "";

    public bool HasParams => _params is not null;

    public ChangeOrigin Origin => new(RequestId, IdempotencyKey);

    public void SetParams(FormHash parameters)
    {
        _params = new ApiParams(parameters);
        Fingerprint = parameters.ToCanonicalJson().ToJsonString();
    }
}

internal static class ApiRequestAccess
{
    public static ApiRequest ApiRequest(this HttpContext http) =>
        http.Features.Get<ApiRequest>() ?? throw new InvalidOperationException("The API middleware did not run for this request.");
}
