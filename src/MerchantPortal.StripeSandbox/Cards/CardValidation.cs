using System.Security.Cryptography;
using System.Text;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Cards;

/// <summary>
/// Checks raw card details as Stripe does when a card PaymentMethod is created, answering with Stripe's
/// <c>card_error</c> codes (<c>invalid_number</c>, <c>incorrect_number</c>, <c>invalid_expiry_month</c>,
/// <c>invalid_expiry_year</c>, <c>invalid_cvc</c>), and derives what is kept of the card.
/// </summary>
internal static class CardValidation
{
    private const string FingerprintAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The card as it will be kept; errors name the parameter as <c>card[number]</c>, <c>card[exp_month]</c>, ….</summary>
    public static CardRecord Validate(string number, long expMonth, long expYear, string? cvc, DateTimeOffset now)
    {
        var digits = CheckNumber(number);
        var year = CheckExpiry(expMonth, expYear, now);
        var brand = CardBrands.Detect(digits);
        if (cvc is not null)
        {
            CheckCvc(cvc, brand);
        }

        var behaviour = TestCards.ByNumber(digits)?.Behaviour ?? CardBehaviour.Succeeds;
        return new CardRecord(brand, digits[^4..], (int)expMonth, year, "credit", "US", Fingerprint(digits), cvc is null ? null : "pass", behaviour);
    }

    /// <summary>The digits of a well-formed card number (spaces and dashes allowed) that passes the Luhn check.</summary>
    public static string CheckNumber(string number)
    {
        var digits = number.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit))
        {
            throw CardError("invalid_number", "Your card number is invalid.", "card[number]");
        }

        return PassesLuhn(digits) ? digits : throw CardError("incorrect_number", "Your card number is incorrect.", "card[number]");
    }

    /// <summary>The four-digit year of an expiry date that is valid and not in the past (two-digit years are this century).</summary>
    public static int CheckExpiry(long month, long year, DateTimeOffset now)
    {
        if (month is < 1 or > 12)
        {
            throw CardError("invalid_expiry_month", "Your card's expiration month is invalid.", "card[exp_month]");
        }

        var fullYear = year is >= 0 and < 100 ? 2000 + year : year;
        if (fullYear < now.Year)
        {
            throw CardError("invalid_expiry_year", "Your card's expiration year is in the past.", "card[exp_year]");
        }

        if (fullYear > now.Year + 50)
        {
            throw CardError("invalid_expiry_year", "Your card's expiration year is invalid.", "card[exp_year]");
        }

        return fullYear == now.Year && month < now.Month
            ? throw CardError("invalid_expiry_month", "Your card's expiration month is in the past.", "card[exp_month]")
            : (int)fullYear;
    }

    /// <summary>A security code of the brand's length: four digits for American Express, three otherwise.</summary>
    public static void CheckCvc(string cvc, string brand)
    {
        if (cvc.Length != CardBrands.CvcLength(brand) || !cvc.All(char.IsAsciiDigit))
        {
            throw CardError("invalid_cvc", "Your card's security code is invalid.", "card[cvc]");
        }
    }

    /// <summary>The card behind a test PaymentMethod id, expiring a year from now as Stripe's do.</summary>
    public static CardRecord ForTestCard(TestCard card, DateTimeOffset now) =>
        new(CardBrands.Detect(card.Number), card.Number[^4..], now.Month, now.Year + 1, "credit", "US", Fingerprint(card.Number), "pass", card.Behaviour);

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[^(i + 1)] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    /// <summary>Stable for a card number, so the same card saved twice is recognisable, as on Stripe.</summary>
    private static string Fingerprint(string digits)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes($"stripe-sandbox-card:{digits}"));
        return new string(hash.Take(16).Select(b => FingerprintAlphabet[b % FingerprintAlphabet.Length]).ToArray());
    }

    private static StripeApiException CardError(string code, string message, string param) =>
        new(402, "card_error", message, code, param);
}
