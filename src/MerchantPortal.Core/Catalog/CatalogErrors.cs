using System.Globalization;
using MerchantPortal.Common;
using MerchantPortal.Monetary;

namespace MerchantPortal.Catalog;

/// <summary>The expected failures of catalog administration and key uploads.</summary>
public static class CatalogErrors
{
    public static Error NotFound { get; } = new("ITEM_NOT_FOUND", "That catalog item does not exist.", "item_id") { Kind = ErrorKind.NotFound };

    public static Error SkuRequired { get; } = new("SKU_REQUIRED", "Enter a SKU.", "sku");

    public static Error SkuInvalid { get; } =
        new("SKU_INVALID", $"A SKU has up to {CatalogItemRules.MaxSkuLength} letters, digits, dashes or underscores.", "sku");

    public static Error SkuTaken { get; } = new("SKU_TAKEN", "Another item already uses this SKU.", "sku") { Kind = ErrorKind.Conflict };

    public static Error NameRequired { get; } = new("NAME_REQUIRED", "Enter the item's name.", "name");

    public static Error NameTooLong { get; } = new("NAME_TOO_LONG", $"The name can be at most {CatalogItemRules.MaxNameLength} characters.", "name");

    public static Error DescriptionTooLong { get; } =
        new("DESCRIPTION_TOO_LONG", $"The description can be at most {CatalogItemRules.MaxDescriptionLength} characters.", "description");

    public static Error CurrencyInvalid { get; } =
        new("CURRENCY_INVALID", "Enter a three-letter ISO 4217 currency code, like USD or EUR.", "currency");

    public static Error PriceInvalid { get; } = new("PRICE_INVALID", "The unit price must be greater than zero.", "unit_price");

    public static Error QuantityBoundsInvalid { get; } = new("QUANTITY_BOUNDS_INVALID",
        "The minimum quantity must be at least 1 and the maximum between the minimum and 10,000.", "max_quantity");

    public static Error AmountBoundsInvalid { get; } = new("AMOUNT_BOUNDS_INVALID",
        "The minimum amount must be greater than zero and the maximum at least the minimum.", "max_amount");

    public static Error StepInvalid { get; } = new("STEP_INVALID",
        "The step must be greater than zero and fit a whole number of times between the minimum and maximum.", "step");

    /// <summary>A price, face value or step above <see cref="CatalogItemRules.MaxAmountMinor"/>, at its field.</summary>
    public static Error AmountTooLarge(string field, string? currency) => new("AMOUNT_TOO_LARGE",
        $"The amount can be at most {(Monetary.Currency.TryGet(currency, out var known)
            ? new Money(CatalogItemRules.MaxAmountMinor, known).ToString()
            : CatalogItemRules.MaxAmountMinor.ToString("N0", CultureInfo.InvariantCulture))}.", field);

    /// <summary>
    /// An amount typed in major units with more decimals than the currency has: it has no exact value in minor units, so a
    /// form reports it before it can build a request.
    /// </summary>
    public static Error AmountTooPrecise(string field, Currency currency) => new("AMOUNT_TOO_PRECISE", currency.Exponent == 0
        ? $"{currency.Code} has no minor unit: enter a whole amount."
        : $"{currency.Code} amounts have at most {currency.Exponent} decimal places, like {1.5m.ToString($"F{currency.Exponent}", CultureInfo.InvariantCulture)}.",
        field);

    /// <summary>A percentage with more than two decimals has no exact value in basis points; a form reports it before it can build a request.</summary>
    public static Error PercentTooPrecise(string field) =>
        new("PERCENT_TOO_PRECISE", "Enter the percentage with at most two decimal places, like 2.75.", field);

    public static Error RateInvalid { get; } = new("RATE_INVALID", "The rate must be between 0.01% and 1000% of the face value.", "rate");

    public static Error FeeInvalid { get; } = new("FEE_INVALID", "The fee must be between 0% and 100%.", "fee");

    public static Error TaxInvalid { get; } = new("TAX_INVALID", "The tax must be between 0% and 100%.", "tax");

    public static Error FieldInvalid(string message) => new("FIELD_DEFINITION_INVALID", message, "fields");

    public static Error NotAKeyItem { get; } =
        new("NOT_A_KEY_ITEM", "Only items of type key have a code inventory.", "item_id") { Kind = ErrorKind.Rule };

    public static Error NoCodes { get; } = new("NO_CODES", "Paste or upload at least one code.", "codes");

    public static Error TooManyCodes { get; } = new("TOO_MANY_CODES", "Upload at most 100,000 codes at a time.", "codes");

    public static Error CodesTooLarge { get; } = new("CODES_TOO_LARGE",
        $"Upload at most {KeyCodeText.MaxUploadMegabytes} MB of codes at a time. Split the file and upload the parts one by one.", "codes");

    public static Error CodesFileBinary { get; } = new("CODES_FILE_NOT_TEXT",
        "This is not a text file. Upload a CSV or plain-text file in UTF-8 with one code per line.", "file");

    public static Error CodesFileUtf16 { get; } = new("CODES_FILE_NOT_UTF8",
        "This file is saved as UTF-16, not UTF-8. Save it as UTF-8 (in Excel: \u201cCSV UTF-8\u201d) and upload it again.", "file");

    /// <summary>The file holds bytes that are not UTF-8, first on the given line (a Latin-1 or Windows-1252 file, typically).</summary>
    public static Error CodesFileNotUtf8(int line) => new("CODES_FILE_NOT_UTF8", string.Create(CultureInfo.InvariantCulture,
        $"This is not a UTF-8 text file: line {line} holds bytes that are not UTF-8. Save the file as UTF-8 (in Excel: \u201cCSV UTF-8\u201d) and upload it again."),
        "file");

    /// <summary>The most lines an upload's report lists; the message still counts them all.</summary>
    public const int MaxReportedCodeProblems = 500;

    /// <summary>
    /// An upload refused because some of its codes are: one error per problem, each naming its line
    /// (<c>Line 3: contains a control character (U+0007).</c>), and nothing added.
    /// </summary>
    public static Error CodesRejected(IReadOnlyList<CodeLine> lines)
    {
        var bad = lines.Where(l => !l.IsValid).ToList();
        ArgumentOutOfRangeException.ThrowIfZero(bad.Count);
        var errors = bad.Take(MaxReportedCodeProblems).SelectMany(l => l.Problems.Select(p => ProblemOnLine(l.Line, p))).ToList();
        var count = bad.Count.ToString("N0", CultureInfo.InvariantCulture);
        var message = bad.Count == 1
            ? "Nothing was added: 1 line has a problem. Fix it and upload the codes again."
            : $"Nothing was added: {count} lines have problems. Fix them and upload the codes again.";
        return new Error(Error.ValidationFailedCode, message) { Kind = ErrorKind.Validation, Errors = errors };
    }

    /// <summary>One problem of one line of an upload, e.g. <c>CODE_TOO_LONG</c>: "Line 7: longer than 200 characters."</summary>
    public static Error ProblemOnLine(int line, CodeProblem problem) => new(problem.Kind switch
    {
        CodeProblemKind.Empty => "CODE_EMPTY",
        CodeProblemKind.TooLong => "CODE_TOO_LONG",
        CodeProblemKind.ControlCharacter => "CODE_CONTROL_CHARACTER",
        CodeProblemKind.BidiControl => "CODE_BIDI_CONTROL",
        _ => "CODE_UNPRINTABLE_CHARACTER",
    }, string.Create(CultureInfo.InvariantCulture, $"Line {line}: {KeyCodeText.Describe(problem)}."), "codes");

    public static Error CodeSearchTooLong { get; } = new("CODE_SEARCH_TOO_LONG",
        $"Search with at most {KeyCodeText.MaxLength} characters: no code is longer.", "ends_with");

    public static Error InventoryNotAllowed { get; } =
        new("KEY_INVENTORY_NOT_ALLOWED", "Only admins can upload or void codes.") { Kind = ErrorKind.Forbidden };

    public static Error CodeDelivered { get; } = new("CODE_DELIVERED",
        "This code has been delivered to an order, so it cannot be voided.") { Kind = ErrorKind.Rule };

    public static Error ChangedMeanwhile { get; } =
        new("ITEM_CHANGED", "Someone else changed this item at the same time. Reload it and try again.") { Kind = ErrorKind.Conflict };

    public static Error TypeLocked { get; } = new("TYPE_LOCKED",
        "The type of an item that has been ordered cannot change; create a new item instead.", "type") { Kind = ErrorKind.Rule };

    public static Error CodesChanged { get; } = new("CODES_CHANGED",
        "Someone added codes to this item at the same time. Upload again; duplicates will be skipped.", "codes") { Kind = ErrorKind.Conflict };

    public static Error CodeNotFound { get; } = new("CODE_NOT_FOUND", "That code does not exist.") { Kind = ErrorKind.NotFound };

    /// <summary>The longest reason a staff member may give for revealing a merchant's code.</summary>
    public const int MaxRevealReasonLength = 500;

    public static Error RevealReasonRequired { get; } = new("REVEAL_REASON_REQUIRED",
        "Say why you need to see this merchant's code, e.g. the support ticket; the reason is kept in the audit log.", "reason");

    public static Error RevealReasonTooLong { get; } = new("REVEAL_REASON_TOO_LONG",
        $"The reason can be at most {MaxRevealReasonLength} characters.", "reason");
}
