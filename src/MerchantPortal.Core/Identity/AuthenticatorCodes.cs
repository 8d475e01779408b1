using System.Security.Cryptography;

namespace MerchantPortal.Identity;

/// <summary>RFC 6238 time-based codes as authenticator apps make them: HMAC-SHA1, 30-second steps, 6 digits.</summary>
public static class AuthenticatorCodes
{
    private const int StepSeconds = 30;

    // A code from the step before or after now is accepted too, for clocks a little apart.
    private const int StepsOfDrift = 1;

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The time step whose code this is, within the drift around <paramref name="now"/>; null when none matches.</summary>
    public static long? MatchingStep(string base32Key, string code, DateTimeOffset now)
    {
        var digits = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit) || Base32.Decode(base32Key) is not { Length: > 0 } key)
        {
            return null;
        }

        var current = StepAt(now);
        for (var step = current - StepsOfDrift; step <= current + StepsOfDrift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(CodeAt(key, step)), System.Text.Encoding.ASCII.GetBytes(digits)))
            {
                return step;
            }
        }

        return null;
    }

    private static string CodeAt(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 as authenticator apps implement it: the code is an HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        /// <summary>The key's bytes; null when it holds a character outside the alphabet.</summary>
        public static byte[]? Decode(string input)
        {
            var bytes = new List<byte>();
            int buffer = 0, bits = 0;
            foreach (var c in input.TrimEnd('=').ToUpperInvariant())
            {
                var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
                if (value < 0)
                {
                    return null;
                }

                buffer = (buffer << 5) | value;
                bits += 5;
                if (bits >= 8)
                {
                    bytes.Add((byte)(buffer >> (bits - 8)));
                    bits -= 8;
                }
            }

            return [.. bytes];
        }
    }
}
