using MerchantPortal.StripeSandbox.Http;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>What creating a PaymentIntent asks for.</summary>
internal sealed record CreatePaymentIntent(
    long Amount,
    string Currency,
    string? Customer,
    string? PaymentMethod,
    IReadOnlyList<string>? PaymentMethodTypes,
    bool AutomaticPaymentMethods,
    string? Description,
    MetadataUpdate? Metadata,
    string? ReceiptEmail,
    string? SetupFutureUsage,
    string? StatementDescriptor,
    string? StatementDescriptorSuffix,
    bool Confirm,
    ConfirmIntent Confirmation);

/// <summary>What confirming an intent asks for: a payment method to use now, where to return after 3-D Secure, and whether the customer is present.</summary>
internal sealed record ConfirmIntent(string? PaymentMethod, string? ReturnUrl, bool OffSession);
