using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>The <c>customer</c> object.</summary>
internal static class CustomerObject
{
    public static JsonObject Render(CustomerRecord customer)
    {
        var json = JsonParts.Head(customer.Id, "customer");
        json["address"] = customer.Address is null ? null : JsonParts.Address(customer.Address);
        json["balance"] = 0;
        json["created"] = customer.Created;
        json["currency"] = null;
        json["default_source"] = null;
        json["delinquent"] = false;
        json["description"] = customer.Description;
        json["discount"] = null;
        json["email"] = customer.Email;
        json["invoice_prefix"] = customer.InvoicePrefix;
        json["invoice_settings"] = new JsonObject
        {
            ["custom_fields"] = null,
            ["default_payment_method"] = customer.DefaultPaymentMethod,
            ["footer"] = null,
            ["rendering_options"] = null,
        };
        json["livemode"] = false;
        json["metadata"] = JsonParts.Metadata(customer.Metadata);
        json["name"] = customer.Name;
        json["next_invoice_sequence"] = 1;
        json["phone"] = customer.Phone;
        json["preferred_locales"] = new JsonArray();
        json["shipping"] = null;
        json["tax_exempt"] = "none";
        json["test_clock"] = null;
        return json;
    }
}
