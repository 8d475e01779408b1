using MerchantPortal.Catalog;

namespace MerchantPortal.UnitTests.Catalog;

public sealed class CatalogItemRulesTests
{
    private static readonly SaveCatalogItem ValidTopUp = new("TOPUP-1", "Top-up", null, ProductType.TopUp, "EUR",
        MinAmountMinor: 500, MaxAmountMinor: 5000, StepMinor: 500);

    [Fact]
    public void A_valid_item_passes() => Assert.Null(CatalogItemRules.Validate(ValidTopUp));

    public static TheoryData<SaveCatalogItem, string> InvalidItems() => new()
    {
        { ValidTopUp with { Sku = "" }, "SKU_REQUIRED" },
        { ValidTopUp with { Sku = "has space" }, "SKU_INVALID" },
        { ValidTopUp with { Name = " " }, "NAME_REQUIRED" },
        { ValidTopUp with { Currency = "EURO" }, "CURRENCY_INVALID" },
        { ValidTopUp with { Sku = new string('A', CatalogItemRules.MaxSkuLength + 1) }, "SKU_INVALID" },
        { ValidTopUp with { Name = new string('n', CatalogItemRules.MaxNameLength + 1) }, "NAME_TOO_LONG" },
        { ValidTopUp with { Description = new string('d', CatalogItemRules.MaxDescriptionLength + 1) }, "DESCRIPTION_TOO_LONG" },
        { ValidTopUp with { MaxAmountMinor = CatalogItemRules.MaxAmountMinor + 500 }, "AMOUNT_TOO_LARGE" },
        { ValidTopUp with { Type = ProductType.Key, UnitPriceMinor = CatalogItemRules.MaxAmountMinor + 1 }, "AMOUNT_TOO_LARGE" },
        { ValidTopUp with { MaxAmountMinor = 400 }, "AMOUNT_BOUNDS_INVALID" },
        { ValidTopUp with { StepMinor = 700 }, "STEP_INVALID" },
        { ValidTopUp with { RateBasisPoints = 0 }, "RATE_INVALID" },
        { ValidTopUp with { FeeBasisPoints = 10_001 }, "FEE_INVALID" },
        { ValidTopUp with { Type = ProductType.Key, UnitPriceMinor = 0 }, "PRICE_INVALID" },
        { ValidTopUp with { Type = ProductType.Key, UnitPriceMinor = 100, MinQuantity = 5, MaxQuantity = 2 }, "QUANTITY_BOUNDS_INVALID" },
        { ValidTopUp with { Fields = [new ItemField { Key = "Bad Key", Label = "x" }] }, "FIELD_DEFINITION_INVALID" },
        { ValidTopUp with { Fields = [new ItemField { Key = "plan", Label = "Plan", Type = FieldType.Choice }] }, "FIELD_DEFINITION_INVALID" },
        { ValidTopUp with { Fields = [new ItemField { Key = "p", Label = "P", Pattern = "([" }] }, "FIELD_DEFINITION_INVALID" },
    };

    [Fact]
    public void Every_invalid_detail_is_reported_at_once_at_its_field()
    {
        var error = CatalogItemRules.Validate(ValidTopUp with { Sku = "", Name = " ", Currency = "EURO", StepMinor = 0, TaxBasisPoints = -1 })!;

        Assert.Equal("VALIDATION_FAILED", error.Code);
        Assert.Equal(["SKU_REQUIRED", "NAME_REQUIRED", "CURRENCY_INVALID", "STEP_INVALID", "TAX_INVALID"], error.Errors.Select(e => e.Code));
        Assert.Equal(["sku", "name", "currency", "step", "tax"], error.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Text_at_its_limit_passes()
    {
        var item = ValidTopUp with
        {
            Sku = new string('A', CatalogItemRules.MaxSkuLength),
            Name = new string('n', CatalogItemRules.MaxNameLength),
            Description = new string('d', CatalogItemRules.MaxDescriptionLength),
            MaxAmountMinor = CatalogItemRules.MaxAmountMinor,
        };

        Assert.Null(CatalogItemRules.Validate(item));
    }

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public void Invalid_items_are_refused_with_a_stable_code(SaveCatalogItem item, string code) =>
        Assert.Equal(code, CatalogItemRules.Validate(item)?.Code);

    [Fact]
    public void Codes_are_read_from_pasted_lines_and_csv_first_columns()
    {
        var codes = KeyCodeText.Parse("code,batch\nAAAA-1111,b1\n\"BBBB,2222\",b1\r\n  CCCC-3333  \n\n");

        Assert.Equal(["AAAA-1111", "BBBB,2222", "CCCC-3333"], codes.Select(c => c.Code));
    }
}
