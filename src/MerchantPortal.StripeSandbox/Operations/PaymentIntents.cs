using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>
/// PaymentIntents through their life: created, confirmed (succeeded, declined, or waiting for 3-D Secure),
/// authenticated on the challenge page, canceled.
/// </summary>
internal static class PaymentIntents
{
    private static readonly string[] Confirmable = [IntentStatus.RequiresPaymentMethod, IntentStatus.RequiresConfirmation, IntentStatus.RequiresAction];

    private static readonly string[] Cancelable = [IntentStatus.RequiresPaymentMethod, IntentStatus.RequiresConfirmation, IntentStatus.RequiresAction];

    public static PaymentIntentRecord Find(SandboxData data, string id, string param = "id") =>
        data.PaymentIntents.GetValueOrDefault(id) ?? throw ApiErrors.NoSuch("payment_intent", id, param);

    /// <summary>Creates the intent and, with <c>confirm=true</c>, confirms it (which may throw a decline once the intent exists).</summary>
    public static PaymentIntentRecord Create(SandboxChange change, CreatePaymentIntent request)
    {
        var customer = request.Customer is null ? null : Customers.Find(change.Data, request.Customer, "customer");
        var metadata = MetadataUpdate.Create(request.Metadata);
        PaymentMethodRecord? paymentMethod = null;
        if (request.PaymentMethod is not null)
        {
            paymentMethod = PaymentMethods.Resolve(change, request.PaymentMethod, "payment_method");
            PaymentMethods.EnsureUsableFor(paymentMethod, customer?.Id, "payment_method", "PaymentIntent");
        }

        var id = SandboxIds.New("pi");
        var intent = new PaymentIntentRecord
        {
            Id = id,
            Sequence = change.NextSequence(),
            Created = change.Now,
            ClientSecret = SandboxIds.ClientSecret(id),
            Amount = request.Amount,
            Currency = request.Currency,
            Customer = customer?.Id,
            Description = request.Description,
            Metadata = metadata,
            PaymentMethodTypes = request.PaymentMethodTypes?.ToList() ?? ["card"],
            AutomaticPaymentMethods = request.AutomaticPaymentMethods,
            ReceiptEmail = request.ReceiptEmail,
            SetupFutureUsage = request.SetupFutureUsage,
            StatementDescriptor = request.StatementDescriptor,
            StatementDescriptorSuffix = request.StatementDescriptorSuffix,
            PaymentMethod = paymentMethod?.Id,
            Status = paymentMethod is null ? IntentStatus.RequiresPaymentMethod : IntentStatus.RequiresConfirmation,
        };
        change.Data.PaymentIntents[intent.Id] = intent;
        change.Emit("payment_intent.created", intent.Id);

        if (request.Confirm)
        {
            Confirm(change, intent, request.Confirmation);
        }

        return intent;
    }

    /// <summary>
    /// Attempts the payment. A decline leaves the intent in <c>requires_payment_method</c> with a failed
    /// charge and <c>last_payment_error</c>, then throws Stripe's 402 with the intent embedded.
    /// </summary>
    public static void Confirm(SandboxChange change, PaymentIntentRecord intent, ConfirmIntent request)
    {
        if (!Confirmable.Contains(intent.Status))
        {
            throw ApiErrors.UnexpectedState("payment_intent_unexpected_state", intent.Status == IntentStatus.Succeeded
                ? "You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed."
                : $"You cannot confirm this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_payment_method, requires_confirmation, requires_action.");
        }

        var paymentMethod = request.PaymentMethod is null ? null : PaymentMethods.Resolve(change, request.PaymentMethod, "payment_method");
        if (paymentMethod is null && intent.PaymentMethod is not null)
        {
            paymentMethod = PaymentMethods.Find(change.Data, intent.PaymentMethod);
        }

        if (paymentMethod is null)
        {
            throw ApiErrors.UnexpectedState("payment_intent_unexpected_state",
                "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.");
        }

        PaymentMethods.EnsureUsableFor(paymentMethod, intent.Customer, "payment_method", "PaymentIntent");

        intent.PaymentMethod = paymentMethod.Id;
        intent.ReturnUrl = request.ReturnUrl ?? intent.ReturnUrl;
        intent.LastPaymentError = null;

        var behaviour = paymentMethod.Card.Behaviour;
        if (behaviour == CardBehaviour.RequiresAuthentication && !request.OffSession)
        {
            intent.Status = IntentStatus.RequiresAction;
            change.Emit("payment_intent.requires_action", intent.Id);
            return;
        }

        var decline = behaviour == CardBehaviour.RequiresAuthentication ? CardDecline.AuthenticationRequired : CardDecline.OnCharge(behaviour);
        if (decline is null)
        {
            Succeed(change, intent, paymentMethod, authenticated: false);
            return;
        }

        var charge = Charges.Record(change, intent, paymentMethod, decline, authenticated: false);
        SpendIfSingleUse(intent, paymentMethod);
        intent.Status = IntentStatus.RequiresPaymentMethod;
        intent.PaymentMethod = null;
        intent.LatestCharge = charge.Id;
        intent.LastPaymentError = new IntentError("card_error", decline.Code, decline.DeclineCode, decline.Message, paymentMethod.Id, charge.Id);
        change.Emit("payment_intent.payment_failed", intent.Id);

        var error = new StripeApiException(402, "card_error", decline.Message, decline.Code) { DeclineCode = decline.DeclineCode };
        error.Related["charge"] = charge.Id;
        error.Related["payment_intent"] = PaymentIntentObject.Render(change.Render, intent);
        error.Related["payment_method"] = PaymentMethodObject.Render(paymentMethod);
        throw error;
    }

    /// <summary>The outcome of the 3-D Secure challenge page for an intent in <c>requires_action</c>.</summary>
    public static void Authenticate(SandboxChange change, PaymentIntentRecord intent, bool completed)
    {
        if (intent.Status != IntentStatus.RequiresAction || intent.PaymentMethod is null)
        {
            throw ApiErrors.UnexpectedState("payment_intent_unexpected_state",
                $"This PaymentIntent is not awaiting authentication; its status is {intent.Status}.");
        }

        var paymentMethod = PaymentMethods.Find(change.Data, intent.PaymentMethod);
        if (completed)
        {
            Succeed(change, intent, paymentMethod, authenticated: true);
            return;
        }

        SpendIfSingleUse(intent, paymentMethod);
        intent.Status = IntentStatus.RequiresPaymentMethod;
        intent.PaymentMethod = null;
        intent.LastPaymentError = new IntentError("invalid_request_error", "payment_intent_authentication_failure", null,
            "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
            paymentMethod.Id, null);
        change.Emit("payment_intent.payment_failed", intent.Id);
    }

    public static void Cancel(SandboxChange change, PaymentIntentRecord intent, string? reason)
    {
        if (!Cancelable.Contains(intent.Status))
        {
            throw ApiErrors.UnexpectedState("payment_intent_unexpected_state",
                $"You cannot cancel this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.");
        }

        intent.Status = IntentStatus.Canceled;
        intent.CanceledAt = change.Now;
        intent.CancellationReason = reason;
        change.Emit("payment_intent.canceled", intent.Id);
    }

    private static void Succeed(SandboxChange change, PaymentIntentRecord intent, PaymentMethodRecord paymentMethod, bool authenticated)
    {
        var charge = Charges.Record(change, intent, paymentMethod, decline: null, authenticated);
        intent.Status = IntentStatus.Succeeded;
        intent.AmountReceived = intent.Amount;
        intent.LatestCharge = charge.Id;
        change.Emit("payment_intent.succeeded", intent.Id);

        if (intent.SetupFutureUsage is not null && intent.Customer is not null && paymentMethod.Customer is null)
        {
            PaymentMethods.Attach(change, paymentMethod, change.Data.Customers[intent.Customer], "payment_method");
        }
        else
        {
            SpendIfSingleUse(intent, paymentMethod);
        }
    }

    /// <summary>A payment method used without being attached to a customer cannot be used again (Stripe's rule).</summary>
    private static void SpendIfSingleUse(PaymentIntentRecord intent, PaymentMethodRecord paymentMethod)
    {
        if (paymentMethod.Customer is null && intent.SetupFutureUsage is null)
        {
            paymentMethod.Spent = true;
        }
    }
}
