using MerchantPortal.Common;

namespace MerchantPortal.Customers;

public static class CustomerErrors
{
    public static Error Required { get; } =
        new("CUSTOMER_REQUIRED", "Choose a customer, or give an email address or phone number for a new one.", "customer");

    public static Error NotFound { get; } = new("CUSTOMER_NOT_FOUND", "That customer does not exist.", "customer.id");

    public static Error EmailInvalid { get; } =
        new("CUSTOMER_EMAIL_INVALID", "Enter a valid email address, like name@example.com.", "customer.email");

    public static Error PhoneInvalid { get; } = new("CUSTOMER_PHONE_INVALID",
        "Enter the phone number in international form, like +14155550123.", "customer.phone");

    public static Error MerchantNotAllowed { get; } =
        new("MERCHANT_NOT_ALLOWED", "You can only add customers to your own merchant account.", "merchant_id") { Kind = ErrorKind.Forbidden };

    public static Error NameTooLong { get; } = new("CUSTOMER_NAME_TOO_LONG", "The name can be at most 200 characters.", "customer.name");
}
