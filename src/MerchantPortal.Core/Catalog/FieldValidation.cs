using System.Globalization;
using System.Text.RegularExpressions;
using MerchantPortal.Common;

namespace MerchantPortal.Catalog;

/// <summary>A field value as an order line keeps it: the value sent and what people are shown.</summary>
public sealed record LineFieldValue(string Key, string Label, string Value, string Display);

/// <summary>Checks the field values of an order line against its item's field definitions.</summary>
public static class FieldValidation
{
    public static TimeSpan RegexTimeout { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Validates <c>values</c> against <c>definitions</c>; errors point at <c>fieldPath.key</c>, e.g.
    /// <c>lines[0].fields.phone</c>, and every one is reported (<see cref="Error.Combine"/>).
    /// </summary>
    public static Result<IReadOnlyList<LineFieldValue>> Validate(
        IReadOnlyList<ItemField> definitions, IReadOnlyDictionary<string, string?>? values, string fieldPath)
    {
        values ??= new Dictionary<string, string?>();
        var errors = values.Keys
            .Where(k => definitions.All(d => d.Key != k))
            .Select(unknown => new Error("FIELD_UNKNOWN", $"This item has no field named '{unknown}'.", $"{fieldPath}.{unknown}"))
            .ToList();
        var accepted = new List<LineFieldValue>();
        foreach (var field in definitions)
        {
            var path = $"{fieldPath}.{field.Key}";
            var value = values.GetValueOrDefault(field.Key)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                if (field.Required)
                {
                    errors.Add(new Error("FIELD_REQUIRED", $"{field.Label} is required.", path));
                }

                continue;
            }

            var checkedValue = field.Type == FieldType.Choice ? CheckChoice(field, value, path) : CheckText(field, value, path);
            if (checkedValue.Succeeded)
            {
                accepted.Add(checkedValue.Value);
            }
            else
            {
                errors.Add(checkedValue.Error!);
            }
        }

        return Error.Combine(errors) is { } invalid ? invalid : accepted;
    }

    private static Result<LineFieldValue> CheckChoice(ItemField field, string value, string path)
    {
        var choice = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? field.Choices.FirstOrDefault(c => c.Id == id)
            : null;
        return choice is null
            ? new Error("CHOICE_INVALID",
                $"{field.Label} must be one of: {string.Join(", ", field.Choices.Select(c => $"{c.Id} ({c.Name})"))}.", path)
            : new LineFieldValue(field.Key, field.Label, choice.Id.ToString(CultureInfo.InvariantCulture), choice.Name);
    }

    private static Result<LineFieldValue> CheckText(ItemField field, string value, string path)
    {
        if (field.MaxLength is { } max && value.Length > max)
        {
            return new Error("FIELD_TOO_LONG", $"{field.Label} can be at most {max} characters.", path);
        }

        if (field.Pattern is { Length: > 0 } pattern && !Matches(pattern, value))
        {
            return new Error("FIELD_INVALID", $"{field.Label} is not in the expected format.", path);
        }

        return new LineFieldValue(field.Key, field.Label, value, value);
    }

    private static bool Matches(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.None, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
