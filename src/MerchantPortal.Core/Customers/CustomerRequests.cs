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
    Guid Id, Guid MerchantId, string DisplayName, string? Email, string? Phone, DateTime CreatedAt, int OrderCount, bool HasStripeCustomer);

/// <summary>The merchant's customer who already has the email or phone (<paramref name="Field"/>: <c>customer.email</c> or <c>customer.phone</c>) given for a new one.</summary>
public sealed record CustomerMatch(CustomerSummary Customer, string Field);
