using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>What creating a SetupIntent asks for.</summary>
internal sealed record CreateSetupIntent(
    string? Customer,
    IReadOnlyList<string>? PaymentMethodTypes,
    bool AutomaticPaymentMethods,
    string? Usage,
    string? Description,
    MetadataUpdate? Metadata,
    string? PaymentMethod,
    bool Confirm,
    string? ReturnUrl);

/// <summary>
/// SetupIntents: saving a card to a customer. Success attaches the payment method; cards that Stripe
/// refuses to attach are declined; 3-D Secure cards wait for the challenge page.
/// </summary>
internal static class SetupIntents
{
    private static readonly string[] Confirmable = [IntentStatus.RequiresPaymentMethod, IntentStatus.RequiresConfirmation, IntentStatus.RequiresAction];

    public static SetupIntentRecord Find(SandboxData data, string id, string param = "id") =>
        data.SetupIntents.GetValueOrDefault(id) ?? throw ApiErrors.NoSuch("setupintent", id, param);

    public static SetupIntentRecord Create(SandboxChange change, CreateSetupIntent request)
    {
        var customer = request.Customer is null ? null : Customers.Find(change.Data, request.Customer, "customer");
        var metadata = MetadataUpdate.Create(request.Metadata);
        PaymentMethodRecord? paymentMethod = null;
        if (request.PaymentMethod is not null)
        {
            paymentMethod = PaymentMethods.Resolve(change, request.PaymentMethod, "payment_method");
            PaymentMethods.EnsureUsableFor(paymentMethod, customer?.Id, "payment_method", "SetupIntent");
        }

        var id = SandboxIds.New("seti");
        var intent = new SetupIntentRecord
        {
            Id = id,
            Sequence = change.NextSequence(),
            Created = change.Now,
            ClientSecret = SandboxIds.ClientSecret(id),
            Customer = customer?.Id,
            Description = request.Description,
            Metadata = metadata,
            PaymentMethodTypes = request.PaymentMethodTypes?.ToList() ?? ["card"],
            AutomaticPaymentMethods = request.AutomaticPaymentMethods,
            Usage = request.Usage ?? "off_session",
            PaymentMethod = paymentMethod?.Id,
            Status = paymentMethod is null ? IntentStatus.RequiresPaymentMethod : IntentStatus.RequiresConfirmation,
        };
        change.Data.SetupIntents[intent.Id] = intent;
        change.Emit("setup_intent.created", intent.Id);

        if (request.Confirm)
        {
            Confirm(change, intent, paymentMethodId: null, request.ReturnUrl);
        }

        return intent;
    }

    /// <summary>
    /// Sets the card up. A card Stripe will not attach leaves the intent in <c>requires_payment_method</c>
    /// with <c>last_setup_error</c> and throws Stripe's 402 with the intent embedded.
    /// </summary>
    public static void Confirm(SandboxChange change, SetupIntentRecord intent, string? paymentMethodId, string? returnUrl)
    {
        if (!Confirmable.Contains(intent.Status))
        {
            throw ApiErrors.UnexpectedState("setup_intent_unexpected_state", intent.Status == IntentStatus.Succeeded
                ? "You cannot confirm this SetupIntent because it has already succeeded after being previously confirmed."
                : $"You cannot confirm this SetupIntent because it has a status of {intent.Status}. Only a SetupIntent with one of the following statuses may be confirmed: requires_payment_method, requires_confirmation, requires_action.");
        }

        var paymentMethod = paymentMethodId is not null
            ? PaymentMethods.Resolve(change, paymentMethodId, "payment_method")
            : intent.PaymentMethod is not null ? PaymentMethods.Find(change.Data, intent.PaymentMethod) : null;
        if (paymentMethod is null)
        {
            throw ApiErrors.UnexpectedState("setup_intent_unexpected_state",
                "You cannot confirm this SetupIntent because it's missing a payment method. You can either update the SetupIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.");
        }

        PaymentMethods.EnsureUsableFor(paymentMethod, intent.Customer, "payment_method", "SetupIntent");

        intent.PaymentMethod = paymentMethod.Id;
        intent.ReturnUrl = returnUrl ?? intent.ReturnUrl;
        intent.LastSetupError = null;

        if (CardDecline.OnAttach(paymentMethod.Card.Behaviour) is { } decline)
        {
            intent.Status = IntentStatus.RequiresPaymentMethod;
            intent.PaymentMethod = null;
            intent.LastSetupError = new IntentError("card_error", decline.Code, decline.DeclineCode, decline.Message, paymentMethod.Id, null);
            change.Emit("setup_intent.setup_failed", intent.Id);

            var error = new StripeApiException(402, "card_error", decline.Message, decline.Code) { DeclineCode = decline.DeclineCode };
            error.Related["payment_method"] = PaymentMethodObject.Render(paymentMethod);
            error.Related["setup_intent"] = SetupIntentObject.Render(change.Render, intent);
            throw error;
        }

        if (paymentMethod.Card.Behaviour == CardBehaviour.RequiresAuthentication)
        {
            intent.Status = IntentStatus.RequiresAction;
            change.Emit("setup_intent.requires_action", intent.Id);
            return;
        }

        Succeed(change, intent, paymentMethod);
    }

    /// <summary>The outcome of the 3-D Secure challenge page for an intent in <c>requires_action</c>.</summary>
    public static void Authenticate(SandboxChange change, SetupIntentRecord intent, bool completed)
    {
        if (intent.Status != IntentStatus.RequiresAction || intent.PaymentMethod is null)
        {
            throw ApiErrors.UnexpectedState("setup_intent_unexpected_state",
                $"This SetupIntent is not awaiting authentication; its status is {intent.Status}.");
        }

        var paymentMethod = PaymentMethods.Find(change.Data, intent.PaymentMethod);
        if (completed)
        {
            Succeed(change, intent, paymentMethod);
            return;
        }

        intent.Status = IntentStatus.RequiresPaymentMethod;
        intent.PaymentMethod = null;
        intent.LastSetupError = new IntentError("invalid_request_error", "setup_intent_authentication_failure", null,
            "The latest attempt to set up the payment method has failed because authentication failed.", paymentMethod.Id, null);
        change.Emit("setup_intent.setup_failed", intent.Id);
    }

    private static void Succeed(SandboxChange change, SetupIntentRecord intent, PaymentMethodRecord paymentMethod)
    {
        if (intent.Customer is not null)
        {
            PaymentMethods.Attach(change, paymentMethod, change.Data.Customers[intent.Customer], "payment_method");
        }

        intent.Status = IntentStatus.Succeeded;
        change.Emit("setup_intent.succeeded", intent.Id);
    }
}
