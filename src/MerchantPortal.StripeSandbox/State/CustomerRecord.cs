namespace MerchantPortal.StripeSandbox.State;

/// <summary>A Stripe Customer.</summary>
internal sealed class CustomerRecord
{
    public required string Id { get; init; }

    public long Sequence { get; init; }

    public long Created { get; init; }

    public required string InvoicePrefix { get; init; }

    public string? Email { get; set; }

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? Description { get; set; }

    public AddressRecord? Address { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public string? DefaultPaymentMethod { get; set; }
}
