using System.Globalization;
using MerchantPortal.Ledger;

namespace MerchantPortal.Web.Features.Balance;

/// <summary>
/// The balance page's ledger filter as query string values: <c>from</c> and <c>to</c> as the viewer's days
/// (<c>2026-01-31</c>, <c>to</c> inclusive), <c>kind</c> as a filter name in lower case (<c>credits</c>,
/// <c>topups</c>…) and <c>text</c>. Reading is forgiving: a value that makes no sense is left out.
/// </summary>
public static class LedgerFilterAddress
{
    public const string From = "from";
    public const string To = "to";
    public const string Kind = "kind";
    public const string Text = "text";

    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The filter the address names, each value that cannot be read left at its default.</summary>
    public static LedgerFilterValues Read(string? from, string? to, string? kind, string? text) => new(
        Date(from),
        Date(to),
        KindOf(kind),
        string.IsNullOrWhiteSpace(text) ? null : text.Trim());

    /// <summary>The filter as query string values; a default value leaves the address (null).</summary>
    public static Dictionary<string, object?> Parameters(DateOnly? from, DateOnly? to, LedgerKindFilter kind, string? text) => new()
    {
        [From] = from?.ToString(DateFormat, CultureInfo.InvariantCulture),
        [To] = to?.ToString(DateFormat, CultureInfo.InvariantCulture),
        [Kind] = kind == LedgerKindFilter.All ? null : kind.ToString().ToLowerInvariant(),
        [Text] = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
    };

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    // Names only: Enum.TryParse also takes numbers, which are no filter's name.
    private static LedgerKindFilter KindOf(string? text) =>
        !string.IsNullOrWhiteSpace(text) && !char.IsAsciiDigit(text.Trim()[0]) && !text.Trim().StartsWith('-')
            && Enum.TryParse<LedgerKindFilter>(text.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : LedgerKindFilter.All;
}

/// <summary>The ledger filter as the address names it.</summary>
public sealed record LedgerFilterValues(DateOnly? From, DateOnly? To, LedgerKindFilter Kind, string? Text);
