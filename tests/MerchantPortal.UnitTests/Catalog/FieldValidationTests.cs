using MerchantPortal.Catalog;

namespace MerchantPortal.UnitTests.Catalog;

public sealed class FieldValidationTests
{
    private static readonly IReadOnlyList<ItemField> Fields =
    [
        new ItemField { Key = "account", Label = "Account", Type = FieldType.Text, Pattern = "[A-Z]{2}\\d{4}", MaxLength = 6 },
        new ItemField { Key = "region", Label = "Region", Type = FieldType.Choice, Required = false, Choices = [new FieldChoice { Id = 7, Name = "Europe" }] },
    ];

    [Fact]
    public void Valid_values_are_kept_and_a_choice_shows_its_name()
    {
        var result = FieldValidation.Validate(Fields, new Dictionary<string, string?> { ["account"] = " AB1234 ", ["region"] = "7" }, "lines[0].fields");

        Assert.True(result.Succeeded);
        Assert.Equal(["AB1234", "Europe"], result.Value.Select(v => v.Display));
        Assert.Equal("7", result.Value[1].Value);
    }

    [Theory]
    [InlineData(null, null, "FIELD_REQUIRED", "lines[0].fields.account")]
    [InlineData("ab1234", null, "FIELD_INVALID", "lines[0].fields.account")]
    [InlineData("AB12345", null, "FIELD_TOO_LONG", "lines[0].fields.account")]
    [InlineData("AB1234", "8", "CHOICE_INVALID", "lines[0].fields.region")]
    public void Invalid_values_name_the_field(string? account, string? region, string code, string field)
    {
        var result = FieldValidation.Validate(Fields, new Dictionary<string, string?> { ["account"] = account, ["region"] = region }, "lines[0].fields");

        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(field, result.Error.Field);
    }

    [Fact]
    public void Every_invalid_value_is_reported_at_once()
    {
        var result = FieldValidation.Validate(
            Fields, new Dictionary<string, string?> { ["account"] = "ab1234", ["region"] = "8", ["pin"] = "1", ["note"] = "x" }, "lines[2].fields");

        Assert.Equal("VALIDATION_FAILED", result.Error!.Code);
        Assert.Equal(
            ["lines[2].fields.pin", "lines[2].fields.note", "lines[2].fields.account", "lines[2].fields.region"],
            result.Error.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_catastrophic_pattern_times_out_as_invalid_instead_of_hanging()
    {
        ItemField[] evil = [new ItemField { Key = "x", Label = "X", Type = FieldType.Text, Pattern = "(a+)+b", MaxLength = 1000 }];

        var result = FieldValidation.Validate(evil, new Dictionary<string, string?> { ["x"] = new string('a', 5000) + "c" }, "f");

        Assert.False(result.Succeeded);
    }
}
