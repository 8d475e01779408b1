using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>Creating, finding, attaching and detaching card payment methods.</summary>
internal static class PaymentMethods
{
    public static PaymentMethodRecord Find(SandboxData data, string id, string param = "id") =>
        data.PaymentMethods.GetValueOrDefault(id) ?? throw ApiErrors.NoSuch("PaymentMethod", id, param);

    /// <summary>
    /// The payment method a parameter names. A Stripe test id (<c>pm_card_visa</c>, …) creates a new
    /// payment method for its test card each time, as Stripe does.
    /// </summary>
    public static PaymentMethodRecord Resolve(SandboxChange change, string id, string param) =>
        TestCards.ByPaymentMethodId(id) is { } testCard
            ? Create(change, CardValidation.ForTestCard(testCard, DateTimeOffset.FromUnixTimeSeconds(change.Now)), BillingDetailsRecord.None, [])
            : Find(change.Data, id, param);

    public static PaymentMethodRecord Create(SandboxChange change, CardRecord card, BillingDetailsRecord billingDetails, Dictionary<string, string> metadata)
    {
        var paymentMethod = new PaymentMethodRecord
        {
            Id = SandboxIds.New("pm"),
            Sequence = change.NextSequence(),
            Created = change.Now,
            Card = card,
            BillingDetails = billingDetails,
            Metadata = metadata,
        };
        change.Data.PaymentMethods[paymentMethod.Id] = paymentMethod;
        return paymentMethod;
    }

    /// <summary>Throws what Stripe answers when this payment method cannot be saved to a customer.</summary>
    public static void EnsureAttachable(PaymentMethodRecord paymentMethod, string param, string? customerId = null)
    {
        if (paymentMethod.Customer is not null && paymentMethod.Customer == customerId)
        {
            return;
        }

        EnsureNotSpent(paymentMethod, param);
        if (paymentMethod.Customer is not null)
        {
            throw ApiErrors.InvalidRequest(
                "The payment method you provided has already been attached to a customer.", param, "payment_method_unexpected_state");
        }

        if (CardDecline.OnAttach(paymentMethod.Card.Behaviour) is { } decline)
        {
            throw new StripeApiException(402, "card_error", decline.Message, decline.Code) { DeclineCode = decline.DeclineCode };
        }
    }

    public static void Attach(SandboxChange change, PaymentMethodRecord paymentMethod, CustomerRecord customer, string param)
    {
        EnsureAttachable(paymentMethod, param, customer.Id);
        if (paymentMethod.Customer == customer.Id)
        {
            return;
        }

        paymentMethod.Customer = customer.Id;
        change.Emit("payment_method.attached", paymentMethod.Id);
    }

    /// <summary>Detaches; a detached payment method cannot be used again, and stops being its customer's default.</summary>
    public static void Detach(SandboxChange change, PaymentMethodRecord paymentMethod)
    {
        if (paymentMethod.Customer is not { } customerId)
        {
            throw ApiErrors.InvalidRequest(
                "The payment method you provided is not attached to a customer so detachment is impossible.", null, "payment_method_unexpected_state");
        }

        paymentMethod.Customer = null;
        paymentMethod.Spent = true;
        change.Emit("payment_method.detached", paymentMethod.Id);

        if (change.Data.Customers.TryGetValue(customerId, out var customer) && customer.DefaultPaymentMethod == paymentMethod.Id)
        {
            var before = change.Snapshot(customer.Id);
            customer.DefaultPaymentMethod = null;
            change.EmitUpdate("customer.updated", customer.Id, before);
        }
    }

    /// <summary>
    /// Throws unless this payment method may pay for, or be set up on, an intent of
    /// <paramref name="customerId"/> (null: an intent without customer).
    /// </summary>
    public static void EnsureUsableFor(PaymentMethodRecord paymentMethod, string? customerId, string param, string intentKind)
    {
        EnsureNotSpent(paymentMethod, param);
        if (paymentMethod.Customer is null || paymentMethod.Customer == customerId)
        {
            return;
        }

        throw customerId is null
            ? ApiErrors.InvalidValue(param,
                $"The PaymentMethod {paymentMethod.Id} belongs to the Customer {paymentMethod.Customer}. Please include the Customer in the `customer` parameter on the {intentKind}.")
            : ApiErrors.InvalidValue(param,
                $"The provided PaymentMethod {paymentMethod.Id} belongs to another Customer, not {customerId}. Attach it to {customerId} or use one of its payment methods.");
    }

    private static void EnsureNotSpent(PaymentMethodRecord paymentMethod, string param)
    {
        if (paymentMethod.Spent)
        {
            throw ApiErrors.InvalidValue(param,
                "This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.");
        }
    }
}
