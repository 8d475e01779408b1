using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>
/// The <c>refund</c> object (which, unlike most, has no <c>livemode</c>). As on Stripe, <c>failure_reason</c> and
/// <c>failure_balance_transaction</c> appear only on failed refunds and <c>pending_reason</c> only on pending ones;
/// the card reference is available once the refund reached the card.
/// </summary>
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
                ["reference_status"] = ReferenceStatus(refund),
                ["reference_type"] = "acquirer_reference_number",
                ["type"] = "refund",
            },
            ["type"] = "card",
        };
        if (refund.Status == "failed")
        {
            json["failure_balance_transaction"] = refund.FailureBalanceTransaction;
            json["failure_reason"] = refund.FailureReason;
        }

        json["metadata"] = JsonParts.Metadata(refund.Metadata);
        json["payment_intent"] = refund.PaymentIntent;
        json["payment_method"] = refund.PaymentMethod;
        if (refund.Status == "pending")
        {
            json["pending_reason"] = "processing";
        }

        json["reason"] = refund.Reason;
        json["receipt_number"] = null;
        json["source_transfer_reversal"] = null;
        json["status"] = refund.Status;
        json["transfer_reversal"] = null;
        return json;
    }

    private static string ReferenceStatus(RefundRecord refund) => refund switch
    {
        { Reference: not null } => "available",
        { Status: "pending" } => "pending",
        _ => "unavailable",
    };
}
