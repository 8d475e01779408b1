namespace MerchantPortal.StripeSandbox.Cards;

/// <summary>One of Stripe's documented test cards: its number, test PaymentMethod id and what it does.</summary>
internal sealed record TestCard(string Number, string PaymentMethodId, CardBehaviour Behaviour, string Outcome);
