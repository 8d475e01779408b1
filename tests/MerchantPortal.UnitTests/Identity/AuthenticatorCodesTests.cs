using MerchantPortal.Identity;

namespace MerchantPortal.UnitTests.Identity;

public sealed class AuthenticatorCodesTests
{
    // RFC 6238's test key, "12345678901234567890" in ASCII, as an authenticator app is given it (base32).
    private const string RfcKey = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void The_codes_are_rfc_6238s_test_values_and_match_their_own_step(long unixSeconds, string code)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(AuthenticatorCodes.StepAt(now), AuthenticatorCodes.MatchingStep(RfcKey, code, now));
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(30, true)]
    [InlineData(-60, false)]
    [InlineData(60, false)]
    public void A_code_from_the_step_before_or_after_is_accepted_and_none_further(int secondsApart, bool accepted)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var code = "005924"; // the code of 1234567890's step

        var step = AuthenticatorCodes.MatchingStep(RfcKey, code, now.AddSeconds(secondsApart));

        Assert.Equal(accepted ? AuthenticatorCodes.StepAt(now) : null, step);
    }

    [Theory]
    [InlineData("005 924")]
    [InlineData("005-924")]
    public void Spaces_and_dashes_in_a_code_are_ignored(string code) =>
        Assert.NotNull(AuthenticatorCodes.MatchingStep(RfcKey, code, DateTimeOffset.FromUnixTimeSeconds(1234567890)));

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("00592a")]
    [InlineData("٠٠٥٩٢٤")]
    public void A_code_that_is_not_six_ascii_digits_matches_nothing(string code) =>
        Assert.Null(AuthenticatorCodes.MatchingStep(RfcKey, code, DateTimeOffset.FromUnixTimeSeconds(1234567890)));

    [Fact]
    public void A_key_with_characters_outside_base32_matches_nothing() =>
        Assert.Null(AuthenticatorCodes.MatchingStep("NOT-BASE32!", "005924", DateTimeOffset.FromUnixTimeSeconds(1234567890)));
}
