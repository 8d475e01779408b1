using MerchantPortal.Monetary;

namespace MerchantPortal.UnitTests.Monetary;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("eur", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    [InlineData("CLF", 4)]
    public void Known_codes_have_their_iso_4217_minor_unit(string code, int exponent)
    {
        Assert.True(Currency.TryGet(code, out var currency));
        Assert.Equal(code.ToUpperInvariant(), currency.Code);
        Assert.Equal(exponent, currency.Exponent);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("US")]
    [InlineData("XYZ")]
    [InlineData("dollars")]
    public void Unknown_codes_are_refused(string? code)
    {
        Assert.False(Currency.TryGet(code, out _));
        Assert.Throws<ArgumentException>(() => Currency.Of(code ?? ""));
    }
}
