using System.Security.Cryptography;
using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>What creating a refund asks for: the payment (by PaymentIntent or charge), how much (default: all that is left) and why.</summary>
internal sealed record CreateRefund(string? PaymentIntent, string? Charge, long? Amount, string? Reason, MetadataUpdate? Metadata);

/// <summary>
/// Refunds of succeeded charges, never more than is left unrefunded. As on Stripe, the refund-failure test
/// card's refunds answer <c>succeeded</c> and fail later (the charge's <c>amount_refunded</c> goes back down),
/// and the pending-refund test card's refunds answer <c>pending</c> and succeed later; see <see cref="Settle"/>.
/// </summary>
internal static class Refunds
{
    private const string CardFailureReason = "expired_or_canceled_card";

    public static RefundRecord Find(SandboxData data, string id, string param = "id") =>
        data.Refunds.GetValueOrDefault(id) ?? throw ApiErrors.NoSuch("refund", id, param);

    public static RefundRecord Create(SandboxChange change, CreateRefund request, RefundSettings settings)
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

        var behaviour = charge.Card.Behaviour;
        var pending = behaviour == CardBehaviour.RefundsPending;
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
            Status = pending ? "pending" : "succeeded",
            BalanceTransaction = SandboxIds.New("txn"),
            Reference = pending ? null : NewReference(),
            Settlement = LaterOutcome(behaviour, change.Time + settings.SettleDelay),
        };
        change.Data.Refunds[refund.Id] = refund;
        change.Emit("refund.created", refund.Id);

        // Stripe counts a card refund in amount_refunded from its creation, pending or not; a failure takes it out again.
        var chargeBefore = change.Snapshot(charge.Id);
        charge.AmountRefunded += amount;
        change.EmitUpdate("charge.refunded", charge.Id, chargeBefore);

        if (refund.Settlement is { } settlement)
        {
            change.ScheduleSettlement(refund.Id, settlement.At);
        }

        return refund;
    }

    /// <summary>The refunds whose later status change has not happened yet (to schedule again after a restart).</summary>
    public static List<PendingSettlement> Unsettled(SandboxData data) =>
        [.. data.Refunds.Values
            .Where(r => r.Settlement is not null)
            .Select(r => new PendingSettlement(r.Id, r.Settlement!.At))];

    /// <summary>
    /// Applies the refund's recorded later status: a failure gives the amount back to the charge
    /// (<c>amount_refunded</c> goes down) and withdraws the card reference. Emits <c>charge.refund.updated</c>
    /// and <c>refund.updated</c>, and for a failure <c>refund.failed</c>. Does nothing when there is nothing left
    /// to apply, so a settlement scheduled twice (at creation and again at a restart) is applied once.
    /// </summary>
    public static void Settle(SandboxChange change, string refundId)
    {
        if (!change.Data.Refunds.TryGetValue(refundId, out var refund) || refund.Settlement is not { } settlement)
        {
            return;
        }

        var before = change.Snapshot(refund.Id);
        refund.Settlement = null;
        refund.Status = settlement.Status;
        var failed = settlement.Status == "failed";
        if (failed)
        {
            refund.FailureReason = settlement.FailureReason;
            refund.FailureBalanceTransaction = SandboxIds.New("txn");
            refund.Reference = null;
            if (change.Data.Charges.TryGetValue(refund.Charge, out var charge))
            {
                charge.AmountRefunded -= refund.Amount;
            }
        }
        else
        {
            refund.Reference ??= NewReference();
        }

        change.EmitUpdate("charge.refund.updated", refund.Id, before);
        change.EmitUpdate("refund.updated", refund.Id, before);
        if (failed)
        {
            change.Emit("refund.failed", refund.Id);
        }
    }

    private static RefundSettlementRecord? LaterOutcome(CardBehaviour behaviour, DateTimeOffset at) => behaviour switch
    {
        CardBehaviour.RefundsFail => new RefundSettlementRecord { At = at, Status = "failed", FailureReason = CardFailureReason },
        CardBehaviour.RefundsPending => new RefundSettlementRecord { At = at, Status = "succeeded" },
        _ => null,
    };

    private static string NewReference() => new(RandomNumberGenerator.GetItems<char>("0123456789", 23));

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
