using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>The <c>payment_intent</c> object.</summary>
internal static class PaymentIntentObject
{
    public static JsonObject Render(RenderContext context, PaymentIntentRecord intent)
    {
        var json = JsonParts.Head(intent.Id, "payment_intent");
        json["amount"] = intent.Amount;
        json["amount_capturable"] = 0;
        json["amount_details"] = new JsonObject { ["tip"] = new JsonObject() };
        json["amount_received"] = intent.AmountReceived;
        json["application"] = null;
        json["application_fee_amount"] = null;
        json["automatic_payment_methods"] = intent.AutomaticPaymentMethods
            ? new JsonObject { ["allow_redirects"] = "always", ["enabled"] = true }
            : null;
        json["canceled_at"] = intent.CanceledAt;
        json["cancellation_reason"] = intent.CancellationReason;
        json["capture_method"] = "automatic";
        json["client_secret"] = intent.ClientSecret;
        json["confirmation_method"] = "automatic";
        json["created"] = intent.Created;
        json["currency"] = intent.Currency;
        json["customer"] = intent.Customer;
        json["customer_account"] = null;
        json["description"] = intent.Description;
        json["excluded_payment_method_types"] = null;
        json["last_payment_error"] = IntentErrorObject.Render(context, intent.LastPaymentError);
        json["latest_charge"] = intent.LatestCharge;
        json["livemode"] = false;
        json["managed_payments"] = new JsonObject { ["enabled"] = false };
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
                ["installments"] = null,
                ["mandate_options"] = null,
                ["network"] = null,
                ["request_three_d_secure"] = "automatic",
            },
        };
        json["payment_method_types"] = JsonParts.Strings(intent.PaymentMethodTypes);
        json["processing"] = null;
        json["receipt_email"] = intent.ReceiptEmail;
        json["review"] = null;
        json["setup_future_usage"] = intent.SetupFutureUsage;
        json["shipping"] = null;
        json["source"] = null;
        json["statement_descriptor"] = intent.StatementDescriptor;
        json["statement_descriptor_suffix"] = intent.StatementDescriptorSuffix;
        json["status"] = intent.Status;
        json["transfer_data"] = null;
        json["transfer_group"] = null;
        return json;
    }
}
