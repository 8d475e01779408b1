namespace MerchantPortal.StripeSandbox.Http;

/// <summary>The errors the sandbox answers with, worded as Stripe words them.</summary>
internal static class ApiErrors
{
    public static StripeApiException InvalidRequest(string message, string? param = null, string? code = null) =>
        new(400, "invalid_request_error", message, code, param);

    public static StripeApiException MissingParam(string param) =>
        InvalidRequest($"Missing required param: {param}.", param, "parameter_missing");

    public static StripeApiException UnknownParam(string param) =>
        InvalidRequest($"Received unknown parameter: {param}", param, "parameter_unknown");

    public static StripeApiException InvalidValue(string param, string message) => InvalidRequest(message, param);

    public static StripeApiException NoSuch(string what, string id, string? param) =>
        new(404, "invalid_request_error", $"No such {what}: '{id}'", "resource_missing", param);

    public static StripeApiException UnexpectedState(string code, string message) =>
        InvalidRequest(message, null, code);

    public static StripeApiException UnrecognizedUrl(string method, string path) =>
        new(404, "invalid_request_error",
            $"Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");
}
