using MerchantPortal.Common;

namespace MerchantPortal.Customers;

public static class CustomerErrors
{
    /// <summary>The longest name; the EF configuration and the portal's counter use it too.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest email address (RFC 5321's path limit); the EF configuration and the portal use it too.</summary>
    public const int MaxEmailLength = 256;

    /// <summary>The longest notes; validation, the EF configuration and the portal's character counter use it.</summary>
    public const int MaxNotesLength = 2000;

    /// <summary>The code of a new customer whose email or phone an existing customer already has.</summary>
    public const string ExistsCode = "CUSTOMER_EXISTS";

    public static Error Required { get; } =
        new("CUSTOMER_REQUIRED", "Choose a customer, or give an email address or phone number for a new one.", "customer");

    public static Error NotFound { get; } = new("CUSTOMER_NOT_FOUND", "That customer does not exist.", "customer.id");

    public static Error EmailInvalid { get; } =
        new("CUSTOMER_EMAIL_INVALID", "Enter a valid email address, like name@example.com.", "customer.email");

    public static Error PhoneInvalid { get; } = new("CUSTOMER_PHONE_INVALID",
        "Enter the phone number in international form, like +14155550123.", "customer.phone");

    public static Error MerchantNotAllowed { get; } =
        new("MERCHANT_NOT_ALLOWED", "You can only add customers to your own merchant account.", "merchant_id") { Kind = ErrorKind.Forbidden };

    public static Error NameTooLong { get; } =
        new("CUSTOMER_NAME_TOO_LONG", $"The name can be at most {MaxNameLength} characters.", "customer.name");

    public static Error EmailExists { get; } =
        new(ExistsCode, "A customer with this email already exists.", "customer.email") { Kind = ErrorKind.Conflict };

    public static Error PhoneExists { get; } =
        new(ExistsCode, "A customer with this phone number already exists.", "customer.phone") { Kind = ErrorKind.Conflict };

    public static Error NotesTooLong { get; } =
        new("CUSTOMER_NOTES_TOO_LONG", $"The notes can be at most {MaxNotesLength} characters.", "customer.notes");

    public static Error ContactRequired { get; } =
        new("CUSTOMER_CONTACT_REQUIRED", "Give an email address or a phone number, so the customer can be found again.", "customer.email");

    public static Error EditNotAllowed { get; } =
        new("CUSTOMER_EDIT_NOT_ALLOWED", "You cannot change this customer's details.") { Kind = ErrorKind.Forbidden };

    public static Error ChangedElsewhere { get; } = new("CUSTOMER_CHANGED",
        "Someone else changed this customer in the meantime. Reload the page to see their change.") { Kind = ErrorKind.Conflict };
}
