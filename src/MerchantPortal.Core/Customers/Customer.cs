using MerchantPortal.Common;

namespace MerchantPortal.Customers;

/// <summary>A merchant's customer, found again by email or phone number.</summary>
public sealed class Customer : IVersioned
{
    private Customer()
    {
    }

    public Guid Id { get; private set; }

    public Guid MerchantId { get; private set; }

    public string? Name { get; private set; }

    public string? Email { get; private set; }

    /// <summary>Lower-cased email, unique per merchant.</summary>
    public string? NormalizedEmail { get; private set; }

    /// <summary>Phone number in E.164-like form (+ and digits), unique per merchant.</summary>
    public string? Phone { get; private set; }

    /// <summary>The matching Stripe Customer, once a card has been saved for this customer.</summary>
    public string? StripeCustomerId { get; private set; }

    /// <summary>Free text the merchant keeps about the customer, at most <see cref="CustomerErrors.MaxNotesLength"/> characters.</summary>
    public string? Notes { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public long Version { get; private set; }

    public static Customer Create(Guid merchantId, string? name, string? email, string? phone, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        MerchantId = merchantId,
        Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
        Email = email,
        NormalizedEmail = email?.ToLowerInvariant(),
        Phone = phone,
        CreatedAt = now,
    };

    /// <summary>Fills in details the customer did not have yet; never overwrites what is known.</summary>
    public void Complete(string? name, string? email, string? phone)
    {
        Name ??= string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (Email is null && email is not null)
        {
            Email = email;
            NormalizedEmail = email.ToLowerInvariant();
        }

        Phone ??= phone;
    }

    /// <summary>Replaces the details with ones already checked by <see cref="CustomerService"/> (normalised, free of duplicates).</summary>
    public void Edit(string? name, string? email, string? phone, string? notes)
    {
        Name = name;
        Email = email;
        NormalizedEmail = email?.ToLowerInvariant();
        Phone = phone;
        Notes = notes;
    }

    public void LinkStripeCustomer(string stripeCustomerId) => StripeCustomerId = stripeCustomerId;

    /// <summary>How people see the customer: name, else email, else phone.</summary>
    public string DisplayName => Name ?? Email ?? Phone ?? "Customer";
}
