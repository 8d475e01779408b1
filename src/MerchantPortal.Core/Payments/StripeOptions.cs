namespace MerchantPortal.Payments;

/// <summary>
/// The <c>Stripe</c> configuration section. With real keys the portal talks to Stripe; in Development
/// the app hosts the offline Stripe sandbox and fills these in at start-up.
/// </summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    public string? SecretKey { get; set; }

    public string? PublishableKey { get; set; }

    /// <summary>The signing secret of the webhook endpoint that sends events to <c>/webhooks/stripe</c>.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where Stripe's API lives; null for Stripe itself.</summary>
    public string? ApiBase { get; set; }

    /// <summary>True when the offline sandbox stands in for Stripe (its card form replaces Stripe Elements).</summary>
    public bool UsesSandbox { get; set; }

    /// <summary>The sandbox's card form, used instead of Stripe Elements when <see cref="UsesSandbox"/>.</summary>
    public string? SandboxCardFormUrl { get; set; }

    /// <summary>How long a payment may wait for 3-D Secure or stay processing before reconciliation settles it.</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}
