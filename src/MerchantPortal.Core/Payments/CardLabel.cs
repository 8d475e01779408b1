namespace MerchantPortal.Payments;

/// <summary>How a card is named to people: "Visa •••• 4242".</summary>
public static class CardLabel
{
    public static string Brand(string? brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        { Length: > 0 } => char.ToUpperInvariant(brand[0]) + brand[1..],
        _ => "Card",
    };

    public static string Of(string? brand, string? last4) => last4 is null ? "the customer's card" : $"{Brand(brand)} •••• {last4}";
}
