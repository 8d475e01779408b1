using System.Text.Json.Nodes;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>Renders any object from its id, recognised by Stripe's prefix (for events and <c>expand[]</c>).</summary>
internal static class ObjectLookup
{
    public static JsonObject? Render(RenderContext context, string id)
    {
        var data = context.Data;
        var prefix = id[..(id.IndexOf('_', StringComparison.Ordinal) + 1)];
        return prefix switch
        {
            "cus_" => data.Customers.TryGetValue(id, out var customer) ? CustomerObject.Render(customer) : null,
            "pm_" => data.PaymentMethods.TryGetValue(id, out var paymentMethod) ? PaymentMethodObject.Render(paymentMethod) : null,
            "seti_" => data.SetupIntents.TryGetValue(id, out var setupIntent) ? SetupIntentObject.Render(context, setupIntent) : null,
            "pi_" => data.PaymentIntents.TryGetValue(id, out var paymentIntent) ? PaymentIntentObject.Render(context, paymentIntent) : null,
            "ch_" => data.Charges.TryGetValue(id, out var charge) ? ChargeObject.Render(context, charge) : null,
            "re_" => data.Refunds.TryGetValue(id, out var refund) ? RefundObject.Render(refund) : null,
            "we_" => data.WebhookEndpoints.TryGetValue(id, out var endpoint) ? WebhookEndpointObject.Render(endpoint) : null,
            _ => null,
        };
    }
}
