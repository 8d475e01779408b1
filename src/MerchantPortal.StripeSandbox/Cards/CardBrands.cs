namespace MerchantPortal.StripeSandbox.Cards;

/// <summary>Card brands from the number's leading digits, with the names Stripe uses in each field.</summary>
internal static class CardBrands
{
    public static string Detect(string number)
    {
        int Prefix(int digits) => int.Parse(number.AsSpan(0, Math.Min(digits, number.Length)), provider: System.Globalization.CultureInfo.InvariantCulture);

        return number switch
        {
            _ when number.StartsWith('4') => "visa",
            _ when Prefix(2) is >= 51 and <= 55 || Prefix(4) is >= 2221 and <= 2720 => "mastercard",
            _ when Prefix(2) is 34 or 37 => "amex",
            _ when number.StartsWith("6011", StringComparison.Ordinal) || Prefix(2) == 65 || Prefix(3) is >= 644 and <= 649 => "discover",
            _ when Prefix(2) == 35 => "jcb",
            _ when Prefix(2) is 36 or 38 or 30 => "diners",
            _ when Prefix(2) == 62 => "unionpay",
            _ => "unknown",
        };
    }

    /// <summary>The <c>card.display_brand</c> value.</summary>
    public static string DisplayBrand(string brand) => brand switch
    {
        "amex" => "american_express",
        "diners" => "diners_club",
        "unionpay" => "union_pay",
        "unknown" => "other",
        _ => brand,
    };

    /// <summary>The brand as people write it.</summary>
    public static string Name(string brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        "jcb" => "JCB",
        "diners" => "Diners Club",
        "unionpay" => "UnionPay",
        _ => "Card",
    };

    /// <summary>How many digits the brand's security code has.</summary>
    public static int CvcLength(string brand) => brand == "amex" ? 4 : 3;
}
