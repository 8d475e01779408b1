namespace MerchantPortal.Common;

/// <summary>Escaping for SQL <c>LIKE</c> patterns built from user input, portable across providers.</summary>
public static class Like
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>A pattern that matches values containing <paramref name="value"/>.</summary>
    public static string Contains(string value) => $"%{Escape(value.Trim())}%";
}
