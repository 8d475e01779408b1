using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>The <c>setup_intent</c> object.</summary>
internal static class SetupIntentObject
{
    public static JsonObject Render(RenderContext context, SetupIntentRecord intent)
    {
        var json = JsonParts.Head(intent.Id, "setup_intent");
        json["application"] = null;
        json["automatic_payment_methods"] = intent.AutomaticPaymentMethods
            ? new JsonObject { ["allow_redirects"] = "always", ["enabled"] = true }
            : null;
        json["cancellation_reason"] = null;
        json["client_secret"] = intent.ClientSecret;
        json["created"] = intent.Created;
        json["customer"] = intent.Customer;
        json["description"] = intent.Description;
        json["excluded_payment_method_types"] = null;
        json["flow_directions"] = null;
        json["last_setup_error"] = IntentErrorObject.Render(context, intent.LastSetupError);
        json["latest_attempt"] = null;
        json["livemode"] = false;
        json["mandate"] = null;
        json["metadata"] = JsonParts.Metadata(intent.Metadata);
        json["next_action"] = intent.Status == IntentStatus.RequiresAction
            ? NextActionObject.Render(context, intent.Id, intent.ClientSecret, intent.ReturnUrl)
            : null;
        json["on_behalf_of"] = null;
        json["payment_method"] = intent.PaymentMethod;
        json["payment_method_configuration_details"] = null;
        json["payment_method_options"] = new JsonObject
        {
            ["card"] = new JsonObject
            {
                ["mandate_options"] = null,
                ["network"] = null,
                ["request_three_d_secure"] = "automatic",
            },
        };
        json["payment_method_types"] = JsonParts.Strings(intent.PaymentMethodTypes);
        json["single_use_mandate"] = null;
        json["status"] = intent.Status;
        json["usage"] = intent.Usage;
        return json;
    }
}
