using System.Text.Json.Nodes;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>
/// The <c>next_action</c> of an intent waiting for 3-D Secure: a redirect to the sandbox's challenge page,
/// which sends the customer on to <c>return_url</c> afterwards.
/// </summary>
internal static class NextActionObject
{
    public static JsonObject Render(RenderContext context, string intentId, string clientSecret, string? returnUrl) => new()
    {
        ["redirect_to_url"] = new JsonObject
        {
            ["return_url"] = returnUrl,
            ["url"] = context.Urls.Authenticate(intentId, clientSecret),
        },
        ["type"] = "redirect_to_url",
    };
}
