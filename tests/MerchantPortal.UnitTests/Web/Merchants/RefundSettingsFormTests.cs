using MerchantPortal.Merchants;
using MerchantPortal.Monetary;
using MerchantPortal.Refunds;
using MerchantPortal.Web.Features.Merchants;

namespace MerchantPortal.UnitTests.Web.Merchants;

/// <summary>The refund settings dialog's threshold: what is typed in major units becomes minor units, or an error at the field.</summary>
public sealed class RefundSettingsFormTests
{
    private static readonly Currency Usd = Currency.Of("USD");

    [Theory]
    [InlineData("USD", "250", 25_000L)]
    [InlineData("USD", " 250.5 ", 25_050L)]
    [InlineData("USD", "1,000.00", 100_000L)]
    [InlineData("USD", "0", 0L)]
    [InlineData("JPY", "5000", 5_000L)]
    [InlineData("KWD", "1.125", 1_125L)]
    public void An_amount_in_major_units_becomes_minor_units(string currency, string text, long minor) =>
        Assert.Equal(minor, RefundSettingsForm.ParseThreshold(text, Currency.Of(currency)).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_typed_turns_approvals_off(string? text) => Assert.Null(RefundSettingsForm.ParseThreshold(text, Usd).Value);

    [Theory]
    [InlineData("USD", "12.345", "USD amounts have at most 2 decimals.")]
    [InlineData("JPY", "100.5", "JPY amounts have no decimals.")]
    [InlineData("USD", "-1", "The threshold cannot be negative.")]
    [InlineData("USD", "ten", "Enter an amount in USD")]
    public void An_amount_the_currency_cannot_hold_is_an_error_at_the_field(string currency, string text, string message)
    {
        var parsed = RefundSettingsForm.ParseThreshold(text, Currency.Of(currency));

        Assert.False(parsed.Succeeded);
        Assert.Equal(RefundSettingsForm.ThresholdField, parsed.Error!.Field);
        Assert.Equal(MerchantErrors.ApprovalThresholdInvalid.Code, parsed.Error.Code);
        Assert.StartsWith(message, parsed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_saved_settings_come_back_as_typed_text_and_are_saved_unchanged()
    {
        var settings = new MerchantRefundSettings(12_550, AutoRefundPolicy.AllUndelivered, RefundDestination.Balance, RetryOnRestock: true);

        var form = RefundSettingsForm.From(settings, Usd);

        Assert.Equal("125.50", form.Threshold);
        Assert.Equal(settings, form.ToSettings(Usd).Value);
        Assert.Null(RefundSettingsForm.From(MerchantRefundSettings.Default, Usd).Threshold);
    }

    [Fact]
    public void The_services_field_names_are_the_ones_the_form_shows_errors_at()
    {
        Assert.Equal(RefundSettingsForm.ThresholdField, MerchantErrors.ApprovalThresholdInvalid.Field);
        Assert.Equal(RefundSettingsForm.AutoRefundField, MerchantErrors.AutoRefundInvalid.Field);
    }
}
