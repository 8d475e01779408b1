namespace MerchantPortal.StripeSandbox.State;

/// <summary>Addresses of the sandbox's own pages, known once Kestrel has bound its port.</summary>
internal sealed class SandboxUrls
{
    private Uri? _base;

    public Uri Base
    {
        get => _base ?? throw new InvalidOperationException("The sandbox has not started listening yet.");
        set => _base = value;
    }

    /// <summary>The 3-D Secure challenge page of a PaymentIntent or SetupIntent.</summary>
    public string Authenticate(string intentId, string clientSecret) =>
        new Uri(Base, $"sandbox/authenticate/{Uri.EscapeDataString(intentId)}?client_secret={Uri.EscapeDataString(clientSecret)}").ToString();
}
