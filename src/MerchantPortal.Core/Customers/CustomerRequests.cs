namespace MerchantPortal.Customers;

/// <summary>Who an order is for: an existing customer by id, or details to find or create one.</summary>
public sealed record CustomerRef(Guid? CustomerId = null, string? Email = null, string? Phone = null, string? Name = null);

/// <summary>Filters for the customers list.</summary>
public sealed record CustomerQuery(Guid? MerchantId, string? Search = null, int Page = 0, int PageSize = 25, bool WithSavedCardsOnly = false);

/// <summary>A customer as lists and forms show it.</summary>
public sealed record CustomerSummary(
    Guid Id, Guid MerchantId, string DisplayName, string? Email, string? Phone, DateTime CreatedAt, int OrderCount, bool HasStripeCustomer);
