using System.Text.RegularExpressions;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>Stripe API versions look like <c>2026-10-28.endive</c> (older ones have no release name).</summary>
internal static partial class ApiVersions
{
    public static bool IsValid(string version) => Pattern().IsMatch(version);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(\.[a-z_]+)?$")]
    private static partial Regex Pattern();
}
