using System.Globalization;
using System.Text;
using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Http;

namespace MerchantPortal.StripeSandbox.Pages;

/// <summary>
/// The card form standing in for Stripe Elements: what was typed, the message next to each field that is
/// wrong, and its HTML.
/// </summary>
internal sealed class CardForm
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public string Number { get; init; } = "";

    public string Expiry { get; init; } = "";

    public string Cvc { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>A problem with the card as a whole, such as a decline.</summary>
    public string? FormError { get; set; }

    public bool HasErrors => _errors.Count > 0 || FormError is not null;

    public static CardForm From(IFormCollection form) => new()
    {
        Number = form["number"].ToString().Trim(),
        Expiry = form["expiry"].ToString().Trim(),
        Cvc = form["cvc"].ToString().Trim(),
        Name = form["name"].ToString().Trim(),
    };

    /// <summary>The card, checked as Stripe checks it; null with a message at each field that is wrong.</summary>
    public CardRecord? Validate(DateTimeOffset now)
    {
        string? digits = null;
        Check("number", Number.Length > 0, "Your card number is incomplete.", () => digits = CardValidation.CheckNumber(Number));

        var expiry = ParseExpiry(Expiry);
        Check("expiry", expiry is not null, "Your card's expiration date is incomplete.",
            () => CardValidation.CheckExpiry(expiry!.Value.Month, expiry.Value.Year, now));

        // Without a valid number the brand is unknown, so any three- or four-digit code passes here.
        var brand = digits is not null ? CardBrands.Detect(digits) : Cvc.Length == 4 ? "amex" : "visa";
        Check("cvc", Cvc.Length > 0, "Your card's security code is incomplete.", () => CardValidation.CheckCvc(Cvc, brand));

        return _errors.Count == 0 ? CardValidation.Validate(Number, expiry!.Value.Month, expiry.Value.Year, Cvc, now) : null;
    }

    public string Render(string action, IReadOnlyDictionary<string, string> hidden, string submitLabel)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{PageLayout.Encode(action)}\" novalidate>");
        if (FormError is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"alert\" role=\"alert\">{PageLayout.Encode(FormError)}</div>");
        }
        else if (_errors.Count > 0)
        {
            html.Append("<div class=\"alert\" role=\"alert\">Please correct the card details marked below.</div>");
        }

        foreach (var (name, value) in hidden)
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{PageLayout.Encode(name)}\" value=\"{PageLayout.Encode(value)}\">");
        }

        html.Append(Field("number", "Card number", Number, "cc-number", "1234 1234 1234 1234", numeric: true));
        html.Append("<div class=\"row\"><div>");
        html.Append(Field("expiry", "Expiration (MM / YY)", Expiry, "cc-exp", "MM / YY", numeric: true));
        html.Append("</div><div>");
        html.Append(Field("cvc", "CVC", Cvc, "cc-csc", "123", numeric: true));
        html.Append("</div></div>");
        html.Append(Field("name", "Name on card (optional)", Name, "cc-name", "", numeric: false));
        html.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">{PageLayout.Encode(submitLabel)}</button></form>");
        return html.ToString();
    }

    private string Field(string name, string label, string value, string autocomplete, string placeholder, bool numeric)
    {
        var error = _errors.GetValueOrDefault(name);
        var described = error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"{name}-error\"";
        var mode = numeric ? " inputmode=\"numeric\"" : "";
        var message = error is null ? "" : $"<p class=\"field-error\" id=\"{name}-error\">{PageLayout.Encode(error)}</p>";
        return $"<label for=\"{name}\">{PageLayout.Encode(label)}</label>"
            + $"<input id=\"{name}\" name=\"{name}\" type=\"text\" autocomplete=\"{autocomplete}\"{mode} placeholder=\"{PageLayout.Encode(placeholder)}\" value=\"{PageLayout.Encode(value)}\"{described}>"
            + message;
    }

    /// <summary>Keeps the message for <paramref name="field"/> when it is empty or <paramref name="check"/> refuses it.</summary>
    private void Check(string field, bool given, string incomplete, Action check)
    {
        if (!given)
        {
            _errors[field] = incomplete;
            return;
        }

        try
        {
            check();
        }
        catch (StripeApiException error)
        {
            _errors[field] = error.Message;
        }
    }

    private static (int Month, int Year)? ParseExpiry(string text)
    {
        var parts = text.Replace(" ", "", StringComparison.Ordinal).Split('/');
        if (parts.Length == 1 && parts[0].Length == 4)
        {
            parts = [parts[0][..2], parts[0][2..]];
        }

        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && parts[1].Length is 2 or 4
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                ? (month, year)
                : null;
    }
}
