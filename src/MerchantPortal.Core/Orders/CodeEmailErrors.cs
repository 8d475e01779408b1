using MerchantPortal.Common;

namespace MerchantPortal.Orders;

public static class CodeEmailErrors
{
    public static Error NotAllowed { get; } =
        new("CODES_NOT_ALLOWED", "You cannot see this order's codes, so you cannot send or export them.") { Kind = ErrorKind.Forbidden };

    public static Error StaffExport { get; } =
        new("CODES_EXPORT_MERCHANT_ONLY",
            "Only the merchant's own users print or download an order's codes. Staff email them to the customer, or reveal one on the order page with a reason.")
            { Kind = ErrorKind.Forbidden };

    public static Error OrderNotFound { get; } = new("ORDER_NOT_FOUND", "That order does not exist.") { Kind = ErrorKind.NotFound };

    public static Error NoDeliveredCodes { get; } =
        new("NO_DELIVERED_CODES", "This order has no delivered codes yet; there is nothing to send.") { Kind = ErrorKind.Rule };

    public static Error CustomerEmailMissing { get; } = new("CUSTOMER_EMAIL_MISSING",
        "The customer has no email address. Add one on the customer's page, then send the codes.", "email") { Kind = ErrorKind.Rule };

    public static Error RequestKeyRequired { get; } = new("REQUEST_KEY_REQUIRED", "A request key is required.", "request_key");

    public static Error RequestKeyTooLong { get; } =
        new("REQUEST_KEY_TOO_LONG", $"The request key can be at most {CodeEmail.MaxRequestKeyLength} characters.", "request_key");
}
