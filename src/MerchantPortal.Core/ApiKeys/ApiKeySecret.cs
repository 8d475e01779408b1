using System.Buffers;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace MerchantPortal.ApiKeys;

/// <summary>
/// The secret's format: <c>mp_test_</c> or <c>mp_live_</c>, 30 random base62 characters (≈178 bits) and a
/// 6-character base62 CRC32 of everything before it. The checksum lets the API reject a mistyped key
/// without a database look-up, and lets secret scanners recognise a leaked key with few false positives.
/// </summary>
public static class ApiKeySecret
{
    public const string TestPrefix = "mp_test_";
    public const string LivePrefix = "mp_live_";

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly SearchValues<char> AlphabetChars = SearchValues.Create(Alphabet);
    private const int RandomLength = 30;
    private const int ChecksumLength = 6;

    /// <summary>The length of every well-formed key.</summary>
    public const int Length = 8 + RandomLength + ChecksumLength;

    public static string Generate(ApiKeyMode mode)
    {
        var body = (mode == ApiKeyMode.Live ? LivePrefix : TestPrefix) + RandomNumberGenerator.GetString(Alphabet, RandomLength);
        return body + Checksum(body);
    }

    /// <summary>Whether the text has a key's shape and a matching checksum (no database involved).</summary>
    public static bool IsWellFormed(string? presented) =>
        presented is { Length: Length }
        && (presented.StartsWith(TestPrefix, StringComparison.Ordinal) || presented.StartsWith(LivePrefix, StringComparison.Ordinal))
        && presented.AsSpan(8).ContainsAnyExcept(AlphabetChars) is false
        && string.Equals(Checksum(presented[..^ChecksumLength]), presented[^ChecksumLength..], StringComparison.Ordinal);

    /// <summary>Whether the text looks like a key (a prefix and the right length) but its checksum is wrong.</summary>
    public static bool HasKeyShape(string? presented) =>
        presented is { Length: Length }
        && (presented.StartsWith(TestPrefix, StringComparison.Ordinal) || presented.StartsWith(LivePrefix, StringComparison.Ordinal));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The part shown in lists: the mode prefix and the first six random characters.</summary>
    public static string DisplayPrefix(string secret) => secret[..14];

    private static string Checksum(string body)
    {
        var crc = Crc32.HashToUInt32(Encoding.ASCII.GetBytes(body));
        var chars = new char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }

        return new string(chars);
    }
}
