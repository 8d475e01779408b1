namespace MerchantPortal.Customers;

/// <summary>
/// Who an order is for: an existing customer by id, or details to find or create one. With
/// <paramref name="MustBeNew"/> (the portal's "New customer") a customer who already has the email or phone
/// is never used silently: placing fails with <see cref="CustomerErrors.ExistsCode"/> at that field, so the
/// person placing the order can choose. The API leaves it false and keeps create-or-find.
/// </summary>
public sealed record CustomerRef(Guid? CustomerId = null, string? Email = null, string? Phone = null, string? Name = null, bool MustBeNew = false);

/// <summary>Filters for the customers list.</summary>
public sealed record CustomerQuery(Guid? MerchantId, string? Search = null, int Page = 0, int PageSize = 25, bool WithSavedCardsOnly = false);

/// <summary>A customer as lists and forms show it.</summary>
public sealed record CustomerSummary(
    Guid Id, Guid MerchantId, string DisplayName, string? Email, string? Phone, DateTime CreatedAt, int OrderCount, bool HasStripeCustomer)
{
    /// <summary>Paid minus refunded, per currency (filled in by the customers list; empty elsewhere).</summary>
    public IReadOnlyList<CustomerSpend> LifetimeSpend { get; init; } = [];

    /// <summary>When the latest order was placed (filled in by the customers list).</summary>
    public DateTime? LastOrderAt { get; init; }

    /// <summary>The earlier of the first order and <see cref="CreatedAt"/> (the list fills in the first order).</summary>
    public DateTime Since { get; init; } = CreatedAt;
}

/// <summary>The merchant's customer who already has the email or phone (<paramref name="Field"/>: <c>customer.email</c> or <c>customer.phone</c>) given for a new one.</summary>
public sealed record CustomerMatch(CustomerSummary Customer, string Field);

/// <summary>
/// New details for a customer: every field replaces the old value (blank clears it). <paramref name="ExpectedVersion"/>,
/// when given, is the <see cref="CustomerProfile.Version"/> the form was filled from, so a change made meanwhile is not overwritten.
/// </summary>
public sealed record UpdateCustomer(string? Name, string? Email, string? Phone, string? Notes, long? ExpectedVersion = null);

/// <summary>What a customer has paid in one currency: paid orders' totals less what refunds returned, in minor units.</summary>
public sealed record CustomerSpend(string Currency, long AmountMinor);

/// <summary>The customer's latest order, for a link.</summary>
public sealed record CustomerLastOrder(Guid Id, string Reference, DateTime CreatedAt);

/// <summary>
/// A customer as its page shows it. <paramref name="Since"/> is the earlier of the first order and the customer's
/// creation (customers imported or created after their first order keep their real history).
/// </summary>
public sealed record CustomerProfile(
    CustomerSummary Summary, string? Name, string? Notes, DateTime Since, IReadOnlyList<CustomerSpend> LifetimeSpend, CustomerLastOrder? LastOrder, long Version);
