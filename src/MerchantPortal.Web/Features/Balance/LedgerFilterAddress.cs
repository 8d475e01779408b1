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
    public static LedgerFilterValues Read(string? from, string? to, string? kind, string? text) =>
        Values(Date(from), Date(to), KindOf(kind), text);

    /// <summary>The filter as the address would name it: text trimmed, blank text none.</summary>
    public static LedgerFilterValues Values(DateOnly? from, DateOnly? to, LedgerKindFilter kind, string? text) =>
        new(from, to, kind, string.IsNullOrWhiteSpace(text) ? null : text.Trim());

    /// <summary>The filter as query string values; a default value leaves the address (null).</summary>
    public static Dictionary<string, object?> Parameters(LedgerFilterValues filter) => new()
    {
        [From] = filter.From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        [To] = filter.To?.ToString(DateFormat, CultureInfo.InvariantCulture),
        [Kind] = filter.Kind == LedgerKindFilter.All ? null : filter.Kind.ToString().ToLowerInvariant(),
        [Text] = string.IsNullOrWhiteSpace(filter.Text) ? null : filter.Text.Trim(),
    };

    /// <summary>
    /// Reads a kind filter's name (<c>debits</c>, <c>TopUps</c>), ignoring case; the page and the export both read
    /// <c>kind</c> with it. One name only: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> also takes
    /// numbers (<c>3</c>, <c>-1</c>) and lists of names (<c>credits,debits</c> is 3, top-ups), which are no filter's name.
    /// </summary>
    public static bool TryReadKind(string? text, out LedgerKindFilter kind)
    {
        var name = text?.Trim();
        if (!string.IsNullOrEmpty(name) && name.All(char.IsAsciiLetter) && Enum.TryParse(name, ignoreCase: true, out kind))
        {
            return true;
        }

        kind = LedgerKindFilter.All;
        return false;
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static LedgerKindFilter KindOf(string? text) => TryReadKind(text, out var kind) ? kind : LedgerKindFilter.All;
}

/// <summary>The ledger filter as the address names it.</summary>
public sealed record LedgerFilterValues(DateOnly? From, DateOnly? To, LedgerKindFilter Kind, string? Text);
