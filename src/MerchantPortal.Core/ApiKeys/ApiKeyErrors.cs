using MerchantPortal.Common;

namespace MerchantPortal.ApiKeys;

/// <summary>The expected failures of API keys: managing them, and authenticating with one.</summary>
public static class ApiKeyErrors
{
    public const int MaxNameLength = 100;
    public const int MaxAllowedIps = 20;

    public const string UnauthorizedCode = "UNAUTHORIZED";

    public static Error Missing { get; } = Unauthorized("Send your API key in the Authorization header: \"Authorization: Bearer mp_test_…\".");

    public static Error Malformed { get; } = Unauthorized("The API key is not in the mp_live_… / mp_test_… format.");

    public static Error BadChecksum { get; } = Unauthorized("The API key's checksum does not match: it was mistyped or cut short.");

    public static Error Unknown { get; } = Unauthorized("The API key is not valid.");

    public static Error Revoked { get; } = Unauthorized("The API key was revoked.");

    public static Error Expired { get; } = Unauthorized("The API key has expired.");

    public static Error AddressNotAllowed { get; } = Unauthorized("The API key may not be used from this IP address.");

    public static Error NotFound { get; } = new("API_KEY_NOT_FOUND", "That API key does not exist.") { Kind = ErrorKind.NotFound };

    public static Error MerchantNotFound { get; } =
        new("MERCHANT_NOT_FOUND", "That merchant account does not exist.", "merchant_id") { Kind = ErrorKind.NotFound };

    public static Error NotAllowed { get; } = new("API_KEY_MANAGEMENT_NOT_ALLOWED",
        "Only admins, or merchant users whose merchant allows it, can manage API keys.") { Kind = ErrorKind.Forbidden };

    public static Error NameRequired { get; } = new("API_KEY_NAME_REQUIRED", "Give the key a name, e.g. the system that will use it.", "name");

    public static Error NameTooLong { get; } = new("API_KEY_NAME_TOO_LONG", $"The name can be at most {MaxNameLength} characters.", "name");

    public static Error ScopesRequired { get; } = new("API_KEY_SCOPES_REQUIRED", "Choose at least one scope.", "scopes");

    public static Error ScopeUnknown(string scope) => new("API_KEY_SCOPE_UNKNOWN", $"\"{scope}\" is not a scope.", "scopes");

    public static Error ExpiryInPast { get; } = new("API_KEY_EXPIRY_IN_PAST", "The expiry must be in the future.", "expires_at");

    public static Error ExpiryInvalid(string text) =>
        new("API_KEY_EXPIRY_INVALID", $"\"{text}\" is not a date like 2027-01-31.", "expires_at");

    public static Error AllowedIpInvalid(string value) =>
        new("API_KEY_ALLOWED_IP_INVALID", $"\"{value}\" is not an IP address or CIDR range (like 203.0.113.7 or 203.0.113.0/24).", "allowed_ips");

    public static Error TooManyAllowedIps { get; } =
        new("API_KEY_TOO_MANY_ALLOWED_IPS", $"Allow at most {MaxAllowedIps} addresses or ranges.", "allowed_ips");

    public static Error AlreadyRevoked { get; } = new("API_KEY_REVOKED", "The key is already revoked.");

    public static Error NotActive { get; } = new("API_KEY_NOT_ACTIVE", "Only an active key can be rolled; this one is revoked or expired.");

    public static Error OverlapInvalid { get; } = new("API_KEY_OVERLAP_INVALID",
        $"The old key can stay valid for at most {MaxRollOverlap.TotalDays:0} days after rolling.", "overlap");

    /// <summary>The longest time a rolled key stays valid next to its successor.</summary>
    public static TimeSpan MaxRollOverlap => TimeSpan.FromDays(7);

    /// <summary>A combined validation failure carrying every field error at once.</summary>
    public static Error Invalid(IReadOnlyList<Error> errors) => errors.Count == 1
        ? errors[0]
        : new Error("VALIDATION_FAILED", $"The request has {errors.Count} invalid fields.") { Kind = ErrorKind.Validation, Errors = errors };

    private static Error Unauthorized(string message) => new(UnauthorizedCode, message) { Kind = ErrorKind.Unauthorized };
}
