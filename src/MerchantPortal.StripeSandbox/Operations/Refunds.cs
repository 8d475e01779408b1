using System.Security.Cryptography;
using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>What creating a refund asks for: the payment (by PaymentIntent or charge), how much (default: all that is left) and why.</summary>
internal sealed record CreateRefund(string? PaymentIntent, string? Charge, long? Amount, string? Reason, MetadataUpdate? Metadata);

/// <summary>
/// Refunds of succeeded charges, never more than is left unrefunded. The refund-failure test card's refunds
/// fail at once with <c>failure_reason</c>, leaving the charge as it was.
/// </summary>
internal static class Refunds
{
    public static RefundRecord Find(SandboxData data, string id, string param = "id") =>
        data.Refunds.GetValueOrDefault(id) ?? throw ApiErrors.NoSuch("refund", id, param);

    public static RefundRecord Create(SandboxChange change, CreateRefund request)
    {
        var charge = ChargeToRefund(change.Data, request);
        var metadata = MetadataUpdate.Create(request.Metadata);
        var refundable = charge.Amount - charge.AmountRefunded;
        if (refundable == 0)
        {
            throw ApiErrors.InvalidRequest($"Charge {charge.Id} has already been refunded.", null, "charge_already_refunded");
        }

        var amount = request.Amount ?? refundable;
        if (amount > refundable)
        {
            throw ApiErrors.InvalidValue("amount",
                $"Refund amount ({Currencies.Format(amount, charge.Currency)}) is greater than unrefunded amount on charge ({Currencies.Format(refundable, charge.Currency)})");
        }

        var fails = charge.Card.Behaviour == CardBehaviour.RefundsFail;
        var refund = new RefundRecord
        {
            Id = SandboxIds.New("re"),
            Sequence = change.NextSequence(),
            Created = change.Now,
            Amount = amount,
            Currency = charge.Currency,
            Charge = charge.Id,
            PaymentIntent = charge.PaymentIntent,
            Customer = charge.Customer,
            PaymentMethod = charge.PaymentMethod,
            Reason = request.Reason,
            Metadata = metadata,
            Status = fails ? "pending" : "succeeded",
            BalanceTransaction = SandboxIds.New("txn"),
            Reference = fails ? null : new string(RandomNumberGenerator.GetItems<char>("0123456789", 23)),
        };
        change.Data.Refunds[refund.Id] = refund;
        change.Emit("refund.created", refund.Id);

        if (fails)
        {
            var before = change.Snapshot(refund.Id);
            refund.Status = "failed";
            refund.FailureReason = "expired_or_canceled_card";
            change.EmitUpdate("refund.updated", refund.Id, before);
            change.Emit("refund.failed", refund.Id);
            return refund;
        }

        var chargeBefore = change.Snapshot(charge.Id);
        charge.AmountRefunded += amount;
        change.EmitUpdate("charge.refunded", charge.Id, chargeBefore);
        return refund;
    }

    private static ChargeRecord ChargeToRefund(SandboxData data, CreateRefund request)
    {
        if (request.PaymentIntent is null && request.Charge is null)
        {
            throw ApiErrors.InvalidRequest("One of the following params should be provided for this request: payment_intent or charge.", "payment_intent");
        }

        if (request.PaymentIntent is not null && request.Charge is not null)
        {
            throw ApiErrors.InvalidRequest("You may only specify one of these parameters: payment_intent, charge.", "charge");
        }

        ChargeRecord? charge;
        if (request.PaymentIntent is not null)
        {
            var intent = PaymentIntents.Find(data, request.PaymentIntent, "payment_intent");
            charge = intent is { Status: IntentStatus.Succeeded, LatestCharge: { } latest } ? data.Charges[latest] : null;
            if (charge is null)
            {
                throw ApiErrors.InvalidValue("payment_intent",
                    $"This PaymentIntent ({intent.Id}) does not have a successful charge to refund.");
            }
        }
        else
        {
            charge = Charges.Find(data, request.Charge!, "charge");
            if (charge.Status != "succeeded")
            {
                throw ApiErrors.InvalidValue("charge", $"Charge {charge.Id} did not succeed, so there is nothing to refund.");
            }
        }

        return charge;
    }
}
