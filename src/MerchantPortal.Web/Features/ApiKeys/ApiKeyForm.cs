using System.Globalization;
using MerchantPortal.ApiKeys;
using MerchantPortal.Common;
using MerchantPortal.Identity;

namespace MerchantPortal.Web.Features.ApiKeys;

/// <summary>The create dialog's fields as typed: the expiry as a date, the allow list one entry per line.</summary>
public sealed class ApiKeyForm
{
    public const string NameField = "name";
    public const string ScopesField = "scopes";
    public const string ExpiresField = "expires_at";
    public const string AllowedIpsField = "allowed_ips";

    public string Name { get; set; } = "";

    public HashSet<string> Scopes { get; } = new(StringComparer.Ordinal);

    /// <summary>yyyy-MM-dd, as a date input sends it; the key expires at 00:00 UTC that day. Empty: never.</summary>
    public string? ExpiresOn { get; set; }

    public string AllowedIps { get; set; } = "";

    /// <summary>The request for the service, or the expiry field's error when the date cannot be read.</summary>
    public Result<CreateApiKey> ToRequest(Guid merchantId)
    {
        DateTime? expires = null;
        if (!string.IsNullOrWhiteSpace(ExpiresOn))
        {
            if (!DateOnly.TryParseExact(ExpiresOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return ApiKeyErrors.ExpiryInvalid(ExpiresOn);
            }

            expires = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        var allowed = AllowedIps.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new CreateApiKey(merchantId, Name, [.. MerchantPortal.Identity.Scopes.All.Where(Scopes.Contains)], expires, allowed);
    }

    /// <summary>Every field error of the service's answer, by field (several errors of one field joined), to show at once.</summary>
    public static Dictionary<string, string> FieldErrors(Error error) =>
        (error.Errors.Count > 0 ? error.Errors : [error])
            .Where(e => e.Field is not null)
            .GroupBy(e => e.Field!)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
}
