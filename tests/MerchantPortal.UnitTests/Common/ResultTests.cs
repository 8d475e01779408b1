using MerchantPortal.Common;

namespace MerchantPortal.UnitTests.Common;

public sealed class ResultTests
{
    [Fact]
    public void A_value_is_a_success()
    {
        Result<int> result = 42;

        Assert.True(result.Succeeded);
        Assert.Equal(42, result.Value);
        Assert.Null(result.Error);
    }

    [Fact]
    public void An_error_has_no_value()
    {
        Result<int> result = new Error("NOPE", "Not possible.", "field");

        Assert.False(result.Succeeded);
        Assert.Equal("NOPE", result.Error!.Code);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("100%", "100\\%")]
    [InlineData("a_b", "a\\_b")]
    [InlineData("c:\\dir", "c:\\\\dir")]
    public void Like_patterns_escape_wildcards_from_user_input(string input, string escaped) =>
        Assert.Equal(escaped, Like.Escape(input));
}
