namespace MerchantPortal.Payments;

/// <summary>A card saved in Stripe for a customer, as the portal shows it (never the number).</summary>
public sealed record SavedCard(string PaymentMethodId, string Brand, string Last4, long ExpMonth, long ExpYear, bool IsDefault)
{
    public string Expiry => $"{ExpMonth:00}/{ExpYear % 100:00}";
}

/// <summary>
/// A started card capture: a SetupIntent whose client secret the browser uses with Stripe Elements, or, on
/// the offline sandbox, the sandbox's card form at <see cref="SandboxFormUrl"/>.
/// </summary>
public sealed record CardSetup(string SetupIntentId, string ClientSecret, string PublishableKey, string? SandboxFormUrl);

/// <summary>The brand and last four digits of the card a payment used.</summary>
public sealed record CardSummary(string Brand, string Last4);
