using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>The <c>last_payment_error</c> / <c>last_setup_error</c> of an intent, with the payment method it concerns.</summary>
internal static class IntentErrorObject
{
    public static JsonObject? Render(RenderContext context, IntentError? error)
    {
        if (error is null)
        {
            return null;
        }

        var json = new JsonObject();
        if (error.Charge is not null)
        {
            json["charge"] = error.Charge;
        }

        json["code"] = error.Code;
        if (error.DeclineCode is not null)
        {
            json["decline_code"] = error.DeclineCode;
        }

        json["doc_url"] = $"https://stripe.com/docs/error-codes/{error.Code.Replace('_', '-')}";
        json["message"] = error.Message;
        if (error.PaymentMethod is not null && context.Data.PaymentMethods.TryGetValue(error.PaymentMethod, out var paymentMethod))
        {
            json["payment_method"] = PaymentMethodObject.Render(paymentMethod);
        }

        json["type"] = error.Type;
        return json;
    }
}
