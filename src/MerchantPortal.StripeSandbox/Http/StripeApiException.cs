using System.Text.Json.Nodes;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>
/// An error answered the way Stripe answers it: an HTTP status and an <c>error</c> object with a
/// <c>type</c>, a message and, where they apply, <c>code</c>, <c>decline_code</c>, <c>param</c> and the
/// objects the error concerns (<c>payment_intent</c>, <c>setup_intent</c>, <c>payment_method</c>, <c>charge</c>).
/// </summary>
internal sealed class StripeApiException : Exception
{
    public StripeApiException(int statusCode, string type, string message, string? code = null, string? param = null)
        : base(message)
    {
        StatusCode = statusCode;
        Type = type;
        Code = code;
        Param = param;
    }

    public int StatusCode { get; }

    public string Type { get; }

    public string? Code { get; }

    public string? Param { get; }

    public string? DeclineCode { get; init; }

    /// <summary>Objects embedded in the error, such as the PaymentIntent a declined confirmation left behind.</summary>
    public JsonObject Related { get; } = [];

    public JsonObject ToJson()
    {
        var error = new JsonObject();
        foreach (var (name, value) in Related)
        {
            error[name] = value?.DeepClone();
        }

        if (Code is not null)
        {
            error["code"] = Code;
            error["doc_url"] = $"https://stripe.com/docs/error-codes/{Code.Replace('_', '-')}";
        }

        if (DeclineCode is not null)
        {
            error["decline_code"] = DeclineCode;
        }

        error["message"] = Message;
        if (Param is not null)
        {
            error["param"] = Param;
        }

        error["type"] = Type;
        return new JsonObject { ["error"] = error };
    }
}
