using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MerchantPortal.Monetary;

namespace MerchantPortal.UnitTests.Monetary;

public sealed class MoneyTests
{
    private static readonly Currency Usd = Currency.Of("USD");
    private static readonly Currency Eur = Currency.Of("EUR");

    [Theory]
    [InlineData("USD", 12.50, 1250)]
    [InlineData("JPY", 1200, 1200)]
    [InlineData("KWD", 1.234, 1234)]
    public void Major_amounts_convert_exactly_to_minor_units(string code, double major, long minor)
    {
        Assert.True(Money.TryFromMajor((decimal)major, Currency.Of(code), out var money));
        Assert.Equal(minor, money.Minor);
        Assert.Equal((decimal)major, money.ToMajor());
    }

    [Theory]
    [InlineData("USD", "12.345")]
    [InlineData("JPY", "0.5")]
    [InlineData("KWD", "1.2345")]
    public void Amounts_finer_than_the_minor_unit_are_refused(string code, string major) =>
        Assert.False(Money.TryFromMajor(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture), Currency.Of(code), out _));

    [Fact]
    public void Arithmetic_refuses_to_mix_currencies()
    {
        var dollars = new Money(100, Usd);
        var euros = new Money(100, Eur);

        Assert.Throws<InvalidOperationException>(() => dollars + euros);
        Assert.Throws<InvalidOperationException>(() => dollars - euros);
        Assert.Throws<InvalidOperationException>(() => dollars > euros);
        Assert.Equal(new Money(250, Usd), new Money(100, Usd) + new Money(150, Usd));
        Assert.Equal(new Money(300, Usd), new Money(100, Usd) * 3);
    }

    [Theory]
    [InlineData(1000, 250, 25)]     // 2.5% of 10.00
    [InlineData(5997, 250, 150)]    // 149.925 → 150
    [InlineData(50, 1000, 5)]       // exact
    [InlineData(25, 1000, 2)]       // 2.5 → 2 (to even)
    [InlineData(35, 1000, 4)]       // 3.5 → 4 (to even)
    [InlineData(-25, 1000, -2)]     // negative halves also go to even
    public void Basis_point_rates_round_half_to_even(long minor, long basisPoints, long expected) =>
        Assert.Equal(expected, new Money(minor, Usd).MultiplyBasisPoints(basisPoints).Minor);

    [Fact]
    public void Allocation_gives_leftover_units_to_the_largest_remainders()
    {
        var parts = new Money(100, Usd).Allocate([1L, 1L, 1L]);

        Assert.Equal([34L, 33L, 33L], parts.Select(p => p.Minor));
    }

    [Fact]
    public void Allocation_follows_the_weights()
    {
        var parts = new Money(1000, Usd).Allocate([70L, 20L, 10L]);

        Assert.Equal([700L, 200L, 100L], parts.Select(p => p.Minor));
    }

    [Property(MaxTest = 500)]
    public Property Allocated_parts_always_sum_to_the_whole(long amount, NonEmptyArray<PositiveInt> weights)
    {
        var whole = new Money(amount % 1_000_000_000_000, Usd);
        var parts = whole.Allocate([.. weights.Get.Select(w => (long)w.Get)]);
        return (parts.Sum(p => p.Minor) == whole.Minor).ToProperty();
    }

    [Property(MaxTest = 500)]
    public Property Each_part_is_within_one_minor_unit_of_its_exact_share(PositiveInt amount, NonEmptyArray<PositiveInt> weights)
    {
        var whole = new Money(amount.Get, Usd);
        var w = weights.Get.Select(x => (long)x.Get).ToArray();
        var parts = whole.Allocate(w);
        var total = w.Sum(x => (decimal)x);
        return parts.Select((p, i) => Math.Abs(p.Minor - amount.Get * w[i] / total) < 1m).All(ok => ok).ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Equal_splits_differ_by_at_most_one_minor_unit(PositiveInt amount, PositiveInt count)
    {
        var parts = new Money(amount.Get, Usd).Allocate(Math.Min(count.Get, 500));
        return (parts.Max(p => p.Minor) - parts.Min(p => p.Minor) <= 1 && parts.Sum(p => p.Minor) == amount.Get).ToProperty();
    }

    [Theory]
    [InlineData(1200, "USD", "$12.00")]
    [InlineData(123456, "EUR", "€1,234.56")]
    [InlineData(1200, "JPY", "¥1,200")]
    [InlineData(1250, "KWD", "KWD 1.250")]
    [InlineData(-500, "GBP", "-£5.00")]
    public void Amounts_are_formatted_for_people(long minor, string code, string expected) =>
        Assert.Equal(expected, new Money(minor, Currency.Of(code)).ToString());
}
