namespace MerchantPortal.StripeSandbox.State;

/// <summary>A postal address as Stripe stores it on customers and billing details.</summary>
internal sealed record AddressRecord(string? City, string? Country, string? Line1, string? Line2, string? PostalCode, string? State);
