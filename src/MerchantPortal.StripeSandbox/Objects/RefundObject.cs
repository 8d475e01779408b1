using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>The <c>refund</c> object (which, unlike most, has no <c>livemode</c>); <c>failure_reason</c> appears only on failed refunds, as on Stripe.</summary>
internal static class RefundObject
{
    public static JsonObject Render(RefundRecord refund)
    {
        var json = JsonParts.Head(refund.Id, "refund");
        json["amount"] = refund.Amount;
        json["balance_transaction"] = refund.BalanceTransaction;
        json["charge"] = refund.Charge;
        json["created"] = refund.Created;
        json["currency"] = refund.Currency;
        json["customer"] = refund.Customer;
        json["customer_account"] = null;
        json["destination_details"] = new JsonObject
        {
            ["card"] = new JsonObject
            {
                ["reference"] = refund.Reference,
                ["reference_status"] = refund.Reference is null ? "unavailable" : "available",
                ["reference_type"] = "acquirer_reference_number",
                ["type"] = "refund",
            },
            ["type"] = "card",
        };
        if (refund.FailureReason is not null)
        {
            json["failure_reason"] = refund.FailureReason;
        }

        json["metadata"] = JsonParts.Metadata(refund.Metadata);
        json["payment_intent"] = refund.PaymentIntent;
        json["payment_method"] = refund.PaymentMethod;
        json["reason"] = refund.Reason;
        json["receipt_number"] = null;
        json["source_transfer_reversal"] = null;
        json["status"] = refund.Status;
        json["transfer_reversal"] = null;
        return json;
    }
}
