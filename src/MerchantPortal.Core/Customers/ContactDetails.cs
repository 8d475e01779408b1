using System.Net.Mail;
using System.Text.RegularExpressions;
using MerchantPortal.Common;

namespace MerchantPortal.Customers;

/// <summary>Normalises and checks a customer's email, phone and name.</summary>
public static partial class ContactDetails
{
    public sealed record Normalized(string? Name, string? Email, string? Phone);

    public static Result<Normalized> Normalize(CustomerRef reference)
    {
        var name = string.IsNullOrWhiteSpace(reference.Name) ? null : reference.Name.Trim();
        if (name?.Length > 200)
        {
            return CustomerErrors.NameTooLong;
        }

        string? email = null;
        if (!string.IsNullOrWhiteSpace(reference.Email))
        {
            var trimmed = reference.Email.Trim();
            if (trimmed.Length > 256 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
            {
                return CustomerErrors.EmailInvalid;
            }

            email = trimmed;
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(reference.Phone))
        {
            phone = PhoneSeparators().Replace(reference.Phone.Trim(), "");
            if (!PhonePattern().IsMatch(phone))
            {
                return CustomerErrors.PhoneInvalid;
            }
        }

        return new Normalized(name, email, phone);
    }

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex PhonePattern();
}
