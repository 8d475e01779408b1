using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>JSON as Stripe writes it: indented by two spaces, URLs left readable.</summary>
internal static class SandboxJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(JsonNode node) => node.ToJsonString(Options);

    public static IResult Ok(JsonNode node) => Results.Content(Write(node), "application/json", statusCode: StatusCodes.Status200OK);

    public static async Task WriteErrorAsync(HttpContext http, StripeApiException error)
    {
        http.Response.StatusCode = error.StatusCode;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(Write(error.ToJson()), http.RequestAborted);
    }
}
