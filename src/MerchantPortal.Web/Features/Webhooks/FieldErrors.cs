using MerchantPortal.Common;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>A service error spread over the form's fields (the first message of each field), and what belongs to no field.</summary>
public sealed record FieldErrors(IReadOnlyDictionary<string, string> ByField, string? General)
{
    public static FieldErrors None { get; } = new(new Dictionary<string, string>(), null);

    public static FieldErrors Of(Error error)
    {
        var all = error.Errors.Count > 0 ? error.Errors : [error];
        var byField = all.Where(e => e.Field is not null)
            .GroupBy(e => e.Field!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);
        return new FieldErrors(byField, byField.Count == 0 ? error.Message : null);
    }

    public string? For(string field) => ByField.GetValueOrDefault(field);
}
