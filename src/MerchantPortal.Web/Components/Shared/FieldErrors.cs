using MerchantPortal.Common;

namespace MerchantPortal.Web.Components.Shared;

/// <summary>A service error spread over the form's fields (each field's messages together), and what belongs to no field.</summary>
public sealed record FieldErrors(IReadOnlyDictionary<string, string> ByField, string? General)
{
    public static FieldErrors None { get; } = new(new Dictionary<string, string>(), null);

    public bool Any => ByField.Count > 0 || General is not null;

    public static FieldErrors Of(Error error)
    {
        var all = error.Flatten();
        var byField = all.Where(e => e.Field is not null)
            .GroupBy(e => e.Field!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)), StringComparer.Ordinal);
        return new FieldErrors(byField, byField.Count == 0 ? error.Message : null);
    }

    /// <summary>
    /// Like <see cref="Of(Error)"/> for a form that shows only <paramref name="formFields"/>: an error at any other
    /// field (or at none) joins <see cref="General"/>, so nothing the service said is lost.
    /// </summary>
    public static FieldErrors Of(Error error, IReadOnlyCollection<string> formFields)
    {
        var all = error.Flatten();
        var onForm = all.Where(e => e.Field is { } field && formFields.Contains(field)).ToList();
        var byField = onForm
            .GroupBy(e => e.Field!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)), StringComparer.Ordinal);
        var elsewhere = all.Except(onForm).Select(e => e.Message).ToList();
        return new FieldErrors(byField, elsewhere.Count == 0 ? null : string.Join(" ", elsewhere));
    }

    public string? For(string field) => ByField.GetValueOrDefault(field);
}
