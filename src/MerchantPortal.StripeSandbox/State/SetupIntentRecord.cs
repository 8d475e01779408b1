namespace MerchantPortal.StripeSandbox.State;

/// <summary>A SetupIntent: saving a card for later payments.</summary>
internal sealed class SetupIntentRecord
{
    public required string Id { get; init; }

    public long Sequence { get; init; }

    public long Created { get; init; }

    public required string ClientSecret { get; init; }

    public string? Customer { get; init; }

    public string? Description { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public List<string> PaymentMethodTypes { get; set; } = ["card"];

    public bool AutomaticPaymentMethods { get; set; }

    public string Usage { get; set; } = "off_session";

    public string Status { get; set; } = IntentStatus.RequiresPaymentMethod;

    public string? PaymentMethod { get; set; }

    public IntentError? LastSetupError { get; set; }

    public string? ReturnUrl { get; set; }
}
