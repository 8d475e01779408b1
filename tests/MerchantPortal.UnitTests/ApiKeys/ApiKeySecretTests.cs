using MerchantPortal.ApiKeys;

namespace MerchantPortal.UnitTests.ApiKeys;

public sealed class ApiKeySecretTests
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Theory]
    [InlineData(ApiKeyMode.Test, "mp_test_")]
    [InlineData(ApiKeyMode.Live, "mp_live_")]
    public void A_key_starts_with_its_mode_and_has_30_random_and_6_checksum_characters(ApiKeyMode mode, string prefix)
    {
        var secret = ApiKeySecret.Generate(mode);

        Assert.StartsWith(prefix, secret, StringComparison.Ordinal);
        Assert.Equal(ApiKeySecret.Length, secret.Length);
        Assert.Equal(8 + 30 + 6, secret.Length);
        Assert.All(secret[8..], c => Assert.Contains(c, Base62));
        Assert.True(ApiKeySecret.IsWellFormed(secret));
    }

    [Fact]
    public void The_random_part_carries_at_least_128_bits()
    {
        // 30 characters drawn uniformly from 62: log2(62^30) ≈ 178.6 bits.
        Assert.True(30 * Math.Log2(62) >= 128);

        var secrets = Enumerable.Range(0, 2000).Select(_ => ApiKeySecret.Generate(ApiKeyMode.Test)[8..38]).ToList();

        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
        // Every position uses the whole alphabet, so none is fixed or biased to a few characters.
        for (var position = 0; position < 30; position++)
        {
            Assert.True(secrets.Select(s => s[position]).Distinct().Count() > 50, $"position {position} is not uniformly random");
        }
    }

    [Fact]
    public void The_checksum_detects_every_single_character_typo()
    {
        for (var sample = 0; sample < 20; sample++)
        {
            var secret = ApiKeySecret.Generate(sample % 2 == 0 ? ApiKeyMode.Test : ApiKeyMode.Live);
            for (var position = 8; position < secret.Length; position++)
            {
                foreach (var replacement in Base62.Where(c => c != secret[position]))
                {
                    var typo = string.Concat(secret.AsSpan(0, position), replacement.ToString(), secret.AsSpan(position + 1));
                    Assert.False(ApiKeySecret.IsWellFormed(typo), $"{typo} passed the checksum");
                    Assert.True(ApiKeySecret.HasKeyShape(typo));
                }
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("mp_test_")]
    [InlineData("sk_test_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("mp_prod_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Text_without_a_keys_shape_is_not_well_formed(string presented)
    {
        Assert.False(ApiKeySecret.IsWellFormed(presented));
        Assert.False(ApiKeySecret.HasKeyShape(presented));
    }

    [Fact]
    public void A_cut_short_or_lengthened_key_is_not_well_formed()
    {
        var secret = ApiKeySecret.Generate(ApiKeyMode.Test);

        Assert.False(ApiKeySecret.IsWellFormed(secret[..^1]));
        Assert.False(ApiKeySecret.IsWellFormed(secret + "a"));
    }

    [Fact]
    public void Only_a_hash_and_a_short_display_prefix_are_derived_for_storage()
    {
        var secret = ApiKeySecret.Generate(ApiKeyMode.Live);

        Assert.Equal(secret[..14], ApiKeySecret.DisplayPrefix(secret));
        Assert.Matches("^[0-9a-f]{64}$", ApiKeySecret.Hash(secret));
        Assert.DoesNotContain(secret[14..], ApiKeySecret.Hash(secret), StringComparison.Ordinal);
        Assert.Equal(ApiKeySecret.Hash(secret), ApiKeySecret.Hash(secret));
    }
}
