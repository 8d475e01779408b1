using MerchantPortal.Monetary;

namespace MerchantPortal.UnitTests.Monetary;

public sealed class MoneyWordsTests
{
    [Theory]
    [InlineData("USD", 1_250_000, "USD 12,500.00", "twelve thousand five hundred US dollars")]
    [InlineData("USD", 100, "USD 1.00", "one US dollar")]
    [InlineData("USD", 1_000_005, "USD 10,000.05", "ten thousand US dollars and five cents")]
    [InlineData("USD", 1, "USD 0.01", "one cent")]
    [InlineData("GBP", 123_456_789, "GBP 1,234,567.89", "one million two hundred thirty-four thousand five hundred sixty-seven pounds sterling and eighty-nine pence")]
    [InlineData("JPY", 1_500_000, "JPY 1,500,000", "one million five hundred thousand Japanese yen")]
    [InlineData("KWD", 1_250, "KWD 1.250", "one Kuwaiti dinar and two hundred fifty fils")]
    [InlineData("ISK", 4_200, "ISK 4,200", "four thousand two hundred ISK")]
    [InlineData("THB", 20_050, "THB 200.50", "two hundred THB and 50/100")]
    public void An_amount_reads_in_figures_with_its_code_and_in_words(string code, long minor, string figures, string words)
    {
        var money = new Money(minor, Currency.Of(code));

        Assert.Equal((figures, words), (MoneyWords.Figures(money), MoneyWords.Words(money)));
    }

    [Theory]
    [InlineData(0, "zero")]
    [InlineData(19, "nineteen")]
    [InlineData(40, "forty")]
    [InlineData(101, "one hundred one")]
    [InlineData(1_000_000_000_000, "one trillion")]
    public void Whole_numbers_read_in_english(long value, string words) => Assert.Equal(words, MoneyWords.Number(value));
}
