using System.Security.Cryptography;
using System.Text;

namespace MerchantPortal.Catalog;

/// <summary>Parsing and normalising codes as admins paste or upload them.</summary>
public static class KeyCodeText
{
    public const int MaxLength = 200;

    /// <summary>
    /// Codes from pasted text or a CSV file: one per line; in a CSV the first column, with an optional
    /// header row named <c>code</c>. Blank lines are ignored.
    /// </summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        var codes = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim().TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var first = FirstCsvColumn(line);
            if (codes.Count == 0 && string.Equals(first, "code", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            codes.Add(first);
        }

        return codes;
    }

    public static string Normalize(string code) => code.Trim();

    public static string Hash(long itemId, string normalizedCode) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{itemId}:{normalizedCode}")));

    public static string LastFour(string normalizedCode) =>
        normalizedCode.Length <= 4 ? normalizedCode : normalizedCode[^4..];

    private static string FirstCsvColumn(string line)
    {
        if (line.StartsWith('"'))
        {
            var end = line.IndexOf('"', 1);
            while (end > 0 && end + 1 < line.Length && line[end + 1] == '"')
            {
                end = line.IndexOf('"', end + 2);
            }

            return end > 0 ? line[1..end].Replace("\"\"", "\"", StringComparison.Ordinal).Trim() : line.Trim('"').Trim();
        }

        var comma = line.IndexOf(',', StringComparison.Ordinal);
        return (comma >= 0 ? line[..comma] : line).Trim();
    }
}
