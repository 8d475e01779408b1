using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>The <c>charge</c> object, with its refunds embedded as a list.</summary>
internal static class ChargeObject
{
    public const int EmbeddedRefunds = 10;

    public static JsonObject Render(RenderContext context, ChargeRecord charge)
    {
        var succeeded = charge.Status == "succeeded";
        var json = JsonParts.Head(charge.Id, "charge");
        json["amount"] = charge.Amount;
        json["amount_captured"] = succeeded ? charge.Amount : 0;
        json["amount_refunded"] = charge.AmountRefunded;
        json["application"] = null;
        json["application_fee"] = null;
        json["application_fee_amount"] = null;
        json["balance_transaction"] = charge.BalanceTransaction;
        json["billing_details"] = JsonParts.BillingDetails(charge.BillingDetails);
        json["calculated_statement_descriptor"] = null;
        json["captured"] = succeeded;
        json["created"] = charge.Created;
        json["currency"] = charge.Currency;
        json["customer"] = charge.Customer;
        json["description"] = charge.Description;
        json["disputed"] = false;
        json["failure_balance_transaction"] = null;
        json["failure_code"] = charge.FailureCode;
        json["failure_message"] = charge.FailureMessage;
        json["fraud_details"] = new JsonObject();
        json["livemode"] = false;
        json["metadata"] = JsonParts.Metadata(charge.Metadata);
        json["on_behalf_of"] = null;
        json["outcome"] = Outcome(charge);
        json["paid"] = succeeded;
        json["payment_intent"] = charge.PaymentIntent;
        json["payment_method"] = charge.PaymentMethod;
        json["payment_method_details"] = new JsonObject { ["card"] = CardDetails(charge), ["type"] = "card" };
        json["receipt_email"] = charge.ReceiptEmail;
        json["receipt_number"] = null;
        json["receipt_url"] = null;
        json["refunded"] = charge.AmountRefunded == charge.Amount;
        json["refunds"] = RefundList(context, charge);
        json["review"] = null;
        json["shipping"] = null;
        json["source"] = null;
        json["source_transfer"] = null;
        json["statement_descriptor"] = charge.StatementDescriptor;
        json["statement_descriptor_suffix"] = charge.StatementDescriptorSuffix;
        json["status"] = charge.Status;
        json["transfer_data"] = null;
        json["transfer_group"] = null;
        return json;
    }

    private static JsonObject Outcome(ChargeRecord charge)
    {
        var declined = charge.Status != "succeeded";
        return new JsonObject
        {
            ["advice_code"] = null,
            ["network_advice_code"] = null,
            ["network_decline_code"] = null,
            ["network_status"] = declined ? "declined_by_network" : "approved_by_network",
            ["reason"] = charge.DeclineCode,
            ["risk_level"] = "normal",
            ["seller_message"] = charge.DeclineCode switch
            {
                null => "Payment complete.",
                "generic_decline" => "The bank did not return any further details with this decline.",
                var code => $"The bank returned the decline code `{code}`.",
            },
            ["type"] = declined ? "issuer_declined" : "authorized",
        };
    }

    private static JsonObject CardDetails(ChargeRecord charge)
    {
        var card = charge.Card;
        var succeeded = charge.Status == "succeeded";
        return new JsonObject
        {
            ["amount_authorized"] = succeeded ? charge.Amount : null,
            ["authorization_code"] = charge.AuthorizationCode,
            ["brand"] = card.Brand,
            ["checks"] = PaymentMethodObject.Checks(card),
            ["country"] = card.Country,
            ["exp_month"] = card.ExpMonth,
            ["exp_year"] = card.ExpYear,
            ["extended_authorization"] = new JsonObject { ["status"] = "disabled" },
            ["fingerprint"] = card.Fingerprint,
            ["funding"] = card.Funding,
            ["incremental_authorization"] = new JsonObject { ["status"] = "unavailable" },
            ["installments"] = null,
            ["last4"] = card.Last4,
            ["mandate"] = null,
            ["multicapture"] = new JsonObject { ["status"] = "unavailable" },
            ["network"] = card.Brand,
            ["network_token"] = new JsonObject { ["used"] = false },
            ["network_transaction_id"] = charge.NetworkTransactionId,
            ["overcapture"] = new JsonObject { ["maximum_amount_capturable"] = charge.Amount, ["status"] = "unavailable" },
            ["regulated_status"] = "unregulated",
            ["three_d_secure"] = charge.Authenticated
                ? new JsonObject
                {
                    ["authentication_flow"] = "challenge",
                    ["electronic_commerce_indicator"] = card.Brand == "visa" ? "05" : "02",
                    ["exemption_indicator"] = null,
                    ["result"] = "authenticated",
                    ["result_reason"] = null,
                    ["transaction_id"] = charge.NetworkTransactionId,
                    ["version"] = "2.2.0",
                }
                : null,
            ["transaction_link_id"] = null,
            ["wallet"] = null,
        };
    }

    private static JsonObject RefundList(RenderContext context, ChargeRecord charge)
    {
        var refunds = context.Data.Refunds.Values
            .Where(r => r.Charge == charge.Id)
            .OrderByDescending(r => r.Sequence)
            .ToList();
        return ListObject.Render(
            refunds.Take(EmbeddedRefunds).Select(RefundObject.Render),
            refunds.Count > EmbeddedRefunds,
            $"/v1/charges/{charge.Id}/refunds");
    }
}
