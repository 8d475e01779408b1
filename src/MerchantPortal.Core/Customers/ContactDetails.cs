using System.Net.Mail;
using System.Text.RegularExpressions;
using MerchantPortal.Common;

namespace MerchantPortal.Customers;

/// <summary>Normalises and checks a customer's email, phone and name.</summary>
public static partial class ContactDetails
{
    public sealed record Normalized(string? Name, string? Email, string? Phone);

    /// <summary>The trimmed details, or every problem with them as one error (<see cref="Error.Combine"/>).</summary>
    public static Result<Normalized> Normalize(CustomerRef reference)
    {
        var errors = new List<Error>();
        var name = string.IsNullOrWhiteSpace(reference.Name) ? null : reference.Name.Trim();
        if (name?.Length > CustomerErrors.MaxNameLength)
        {
            errors.Add(CustomerErrors.NameTooLong);
        }

        string? email = null;
        if (!string.IsNullOrWhiteSpace(reference.Email))
        {
            email = reference.Email.Trim();
            if (email.Length > CustomerErrors.MaxEmailLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            {
                errors.Add(CustomerErrors.EmailInvalid);
            }
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(reference.Phone))
        {
            phone = PhoneSeparators().Replace(reference.Phone.Trim(), "");
            if (!PhonePattern().IsMatch(phone))
            {
                errors.Add(CustomerErrors.PhoneInvalid);
            }
        }

        return Error.Combine(errors) is { } invalid ? invalid : new Normalized(name, email, phone);
    }

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex PhonePattern();
}
