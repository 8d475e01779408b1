using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>
/// What a create or update asks of a customer. A null field is left alone; on an update an empty string
/// clears it, as on Stripe. <see cref="PaymentMethod"/> (attach on creation) exists only on create.
/// </summary>
internal sealed record CustomerChanges(
    string? Email,
    string? Name,
    string? Phone,
    string? Description,
    AddressRecord? Address,
    MetadataUpdate? Metadata,
    string? PaymentMethod,
    string? DefaultPaymentMethod);

/// <summary>Creating and updating customers.</summary>
internal static class Customers
{
    public static CustomerRecord Find(SandboxData data, string id, string param = "id") =>
        data.Customers.GetValueOrDefault(id) ?? throw ApiErrors.NoSuch("customer", id, param);

    public static CustomerRecord Create(SandboxChange change, CustomerChanges input)
    {
        var metadata = MetadataUpdate.Create(input.Metadata);
        if (input.DefaultPaymentMethod is { Length: > 0 } requested && requested != input.PaymentMethod)
        {
            throw NotAttached(requested);
        }

        var paymentMethod = input.PaymentMethod is null ? null : PaymentMethods.Resolve(change, input.PaymentMethod, "payment_method");
        if (paymentMethod is not null)
        {
            PaymentMethods.EnsureAttachable(paymentMethod, "payment_method");
        }

        var customer = new CustomerRecord
        {
            Id = SandboxIds.New("cus", 14),
            Sequence = change.NextSequence(),
            Created = change.Now,
            InvoicePrefix = SandboxIds.Random(8).ToUpperInvariant(),
            Email = Clean(input.Email),
            Name = Clean(input.Name),
            Phone = Clean(input.Phone),
            Description = Clean(input.Description),
            Address = input.Address,
            Metadata = metadata,
            DefaultPaymentMethod = input.DefaultPaymentMethod is { Length: > 0 } ? paymentMethod?.Id : null,
        };
        change.Data.Customers[customer.Id] = customer;
        change.Emit("customer.created", customer.Id);
        if (paymentMethod is not null)
        {
            PaymentMethods.Attach(change, paymentMethod, customer, "payment_method");
        }

        return customer;
    }

    public static void Update(SandboxChange change, CustomerRecord customer, CustomerChanges input)
    {
        if (input.DefaultPaymentMethod is { Length: > 0 } requested
            && (!change.Data.PaymentMethods.TryGetValue(requested, out var paymentMethod) || paymentMethod.Customer != customer.Id))
        {
            throw NotAttached(requested);
        }

        var before = change.Snapshot(customer.Id);
        input.Metadata?.ApplyTo(customer.Metadata);
        if (input.Email is not null)
        {
            customer.Email = Clean(input.Email);
        }

        if (input.Name is not null)
        {
            customer.Name = Clean(input.Name);
        }

        if (input.Phone is not null)
        {
            customer.Phone = Clean(input.Phone);
        }

        if (input.Description is not null)
        {
            customer.Description = Clean(input.Description);
        }

        if (input.Address is not null)
        {
            customer.Address = input.Address;
        }

        if (input.DefaultPaymentMethod is not null)
        {
            customer.DefaultPaymentMethod = Clean(input.DefaultPaymentMethod);
        }

        change.EmitUpdate("customer.updated", customer.Id, before);
    }

    private static string? Clean(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static StripeApiException NotAttached(string paymentMethodId) =>
        ApiErrors.InvalidValue("invoice_settings[default_payment_method]",
            $"The customer does not have a payment method with the ID {paymentMethodId}. The payment method must be attached to the customer.");
}
