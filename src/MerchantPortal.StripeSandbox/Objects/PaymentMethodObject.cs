using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>The <c>payment_method</c> object (type <c>card</c>).</summary>
internal static class PaymentMethodObject
{
    public static JsonObject Render(PaymentMethodRecord paymentMethod)
    {
        var card = paymentMethod.Card;
        var json = JsonParts.Head(paymentMethod.Id, "payment_method");
        json["allow_redisplay"] = "unspecified";
        json["billing_details"] = JsonParts.BillingDetails(paymentMethod.BillingDetails);
        json["card"] = new JsonObject
        {
            ["brand"] = card.Brand,
            ["checks"] = Checks(card),
            ["country"] = card.Country,
            ["display_brand"] = CardBrands.DisplayBrand(card.Brand),
            ["exp_month"] = card.ExpMonth,
            ["exp_year"] = card.ExpYear,
            ["fingerprint"] = card.Fingerprint,
            ["funding"] = card.Funding,
            ["generated_from"] = null,
            ["last4"] = card.Last4,
            ["networks"] = new JsonObject
            {
                ["available"] = JsonParts.Strings([card.Brand]),
                ["preferred"] = null,
            },
            ["regulated_status"] = "unregulated",
            ["three_d_secure_usage"] = new JsonObject { ["supported"] = true },
            ["wallet"] = null,
        };
        json["created"] = paymentMethod.Created;
        json["customer"] = paymentMethod.Customer;
        json["customer_account"] = null;
        json["livemode"] = false;
        json["metadata"] = JsonParts.Metadata(paymentMethod.Metadata);
        json["type"] = "card";
        return json;
    }

    public static JsonObject Checks(CardRecord card) => new()
    {
        ["address_line1_check"] = null,
        ["address_postal_code_check"] = null,
        ["cvc_check"] = card.CvcCheck,
    };
}
