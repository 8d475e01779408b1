using MerchantPortal.StripeSandbox.Cards;

namespace MerchantPortal.StripeSandbox.State;

/// <summary>
/// What is kept of a card: the details Stripe shows and the sandbox outcome it triggers. The full number
/// and the CVC are never stored.
/// </summary>
internal sealed record CardRecord(
    string Brand,
    string Last4,
    int ExpMonth,
    int ExpYear,
    string Funding,
    string Country,
    string Fingerprint,
    string? CvcCheck,
    CardBehaviour Behaviour);
