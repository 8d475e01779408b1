namespace MerchantPortal.StripeSandbox.State;

/// <summary>A PaymentIntent with automatic capture.</summary>
internal sealed class PaymentIntentRecord
{
    public required string Id { get; init; }

    public long Sequence { get; init; }

    public long Created { get; init; }

    public required string ClientSecret { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    public string? Customer { get; init; }

    public string? Description { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public List<string> PaymentMethodTypes { get; set; } = ["card"];

    public bool AutomaticPaymentMethods { get; set; }

    public string? ReceiptEmail { get; set; }

    public string? SetupFutureUsage { get; set; }

    public string? StatementDescriptor { get; set; }

    public string? StatementDescriptorSuffix { get; set; }

    public string Status { get; set; } = IntentStatus.RequiresPaymentMethod;

    public string? PaymentMethod { get; set; }

    public long AmountReceived { get; set; }

    public string? LatestCharge { get; set; }

    public IntentError? LastPaymentError { get; set; }

    public string? ReturnUrl { get; set; }

    public long? CanceledAt { get; set; }

    public string? CancellationReason { get; set; }
}
