using System.Security.Cryptography;

namespace MerchantPortal.StripeSandbox.State;

/// <summary>Object ids in Stripe's form: a type prefix and a random alphanumeric part.</summary>
internal static class SandboxIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix, int length = 24) => $"{prefix}_{Random(length)}";

    public static string Random(int length) => new(RandomNumberGenerator.GetItems<char>(Alphabet, length));

    /// <summary>A client secret in Stripe's form, <c>{id}_secret_{random}</c>.</summary>
    public static string ClientSecret(string id) => $"{id}_secret_{Random(25)}";

    /// <summary>The object id a client secret belongs to, or null when it is not shaped like one.</summary>
    public static string? IdOfClientSecret(string? clientSecret)
    {
        var at = clientSecret?.IndexOf("_secret_", StringComparison.Ordinal) ?? -1;
        return at > 0 ? clientSecret![..at] : null;
    }
}
