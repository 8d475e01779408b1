using MerchantPortal.Catalog;
using MerchantPortal.Web.Features.Catalog;

namespace MerchantPortal.UnitTests.Web.Catalog;

/// <summary>Converting what admins type (major units, percent) into what the catalog stores (minor units, basis points).</summary>
public sealed class CatalogItemFormModelTests
{
    [Fact]
    public void Amounts_become_minor_units_and_percentages_basis_points()
    {
        var model = new CatalogItemFormModel
        {
            Sku = "TOP-1", Name = "Top-up", Type = ProductType.TopUp, Currency = "kwd",
            MinAmount = 1.5m, MaxAmount = 10.25m, Step = 0.25m, RatePercent = 102.5m, FeePercent = 2.75m, TaxPercent = 0m,
        };

        var (request, errors) = model.ToRequest();

        Assert.Empty(errors);
        Assert.Equal("KWD", request!.Currency);
        Assert.Equal((1_500L, 10_250L, 250L), (request.MinAmountMinor, request.MaxAmountMinor, request.StepMinor));
        Assert.Equal((10_250L, (int?)275, (int?)0), (request.RateBasisPoints, request.FeeBasisPoints, request.TaxBasisPoints));
        Assert.Equal(0, request.UnitPriceMinor);
    }

    [Fact]
    public void Every_input_that_cannot_be_converted_exactly_is_reported_at_once_and_the_rest_is_left_to_the_service()
    {
        var model = new CatalogItemFormModel
        {
            Sku = "TOP-1", Name = "Top-up", Type = ProductType.TopUp, Currency = "USD",
            MinAmount = 5.001m, MaxAmount = null, Step = 5m, RatePercent = 99.999m, FeePercent = 1.234m,
        };

        var (request, errors) = model.ToRequest();

        Assert.Equal([CatalogItemFormModel.MinAmountField, "rate", "fee"], errors.Select(e => e.Field));
        Assert.Equal("USD amounts have at most 2 decimal places, like 1.50.", errors[0].Message);
        // The empty largest face value is the service's to report, with its own code.
        Assert.Contains(CatalogItemRules.Validate(request)!.Flatten(), e => e.Field == "max_amount");
    }

    [Fact]
    public void An_unknown_currency_is_sent_as_typed_for_the_service_to_report()
    {
        var (request, errors) = new CatalogItemFormModel { Sku = "K-1", Name = "Key", Currency = "XYZ", UnitPrice = 1.234m }.ToRequest();

        Assert.Empty(errors);
        Assert.Equal("XYZ", request.Currency);
        Assert.Contains(CatalogErrors.CurrencyInvalid, CatalogItemRules.Validate(request)!.Flatten());
    }

    [Fact]
    public void Key_items_send_no_fields_and_empty_fee_and_tax_mean_the_merchant_default()
    {
        var model = new CatalogItemFormModel
        {
            Sku = "KEY-1", Name = "Key", Currency = "JPY", UnitPrice = 1200m,
            Fields = [new ItemField { Key = "left_over", Label = "From another type" }],
        };

        var (request, _) = model.ToRequest();

        Assert.Equal(1200, request!.UnitPriceMinor);
        Assert.Empty(request.Fields!);
        Assert.Null(request.FeeBasisPoints);
        Assert.Null(request.TaxBasisPoints);
    }

    [Fact]
    public void Text_fields_drop_choices_and_choice_fields_drop_text_rules()
    {
        var model = new CatalogItemFormModel
        {
            Sku = "SRV-1", Name = "Service", Type = ProductType.Service, Currency = "USD", UnitPrice = 15m,
            Fields =
            [
                new ItemField { Key = " account_id ", Label = "Account", Pattern = "  ", Choices = [new FieldChoice { Id = 1, Name = "x" }] },
                new ItemField { Key = "plan", Label = "Plan", Type = FieldType.Choice, Pattern = @"\d+", MaxLength = 5, Choices = [new FieldChoice { Id = 7, Name = " Gold " }] },
            ],
        };

        var fields = model.ToRequest().Request!.Fields!;

        Assert.Equal(("account_id", null, 0), (fields[0].Key, fields[0].Pattern, fields[0].Choices.Count));
        Assert.Equal((null, null, "Gold"), (fields[1].Pattern, fields[1].MaxLength, fields[1].Choices.Single().Name));
        Assert.Equal(" account_id ", model.Fields[0].Key);
    }

    [Fact]
    public void An_item_opens_in_the_form_with_amounts_at_the_currencys_scale()
    {
        var (request, _) = new CatalogItemFormModel
        {
            Sku = "TOP-2", Name = "Top-up", Type = ProductType.TopUp, Currency = "EUR",
            MinAmount = 5m, MaxAmount = 100m, Step = 5m, RatePercent = 97.5m, TaxPercent = 20m,
        }.ToRequest();
        var item = CatalogItem.Create(request!, DateTime.UtcNow);

        var model = CatalogItemFormModel.From(item);

        Assert.Equal(("5.00", "100.00", "5.00"), (model.MinAmount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            model.MaxAmount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            model.Step!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((97.5m, (decimal?)null, (decimal?)20m), (model.RatePercent, model.FeePercent, model.TaxPercent));
        Assert.Null(model.UnitPrice);
    }

    [Theory]
    [InlineData("Phone number", "phone_number")]
    [InlineData("  E-mail (work) ", "e_mail_work")]
    [InlineData("Account ID 2", "account_id_2")]
    [InlineData("123", "")]
    public void A_field_key_is_suggested_from_its_label(string label, string key) => Assert.Equal(key, FieldKeys.Suggest(label));

    [Theory]
    [InlineData(10_000, "100%")]
    [InlineData(250, "2.5%")]
    [InlineData(1_234, "12.34%")]
    [InlineData(0, "0%")]
    public void Basis_points_read_as_percentages(long basisPoints, string text) => Assert.Equal(text, CatalogDisplay.Percent(basisPoints));
}
