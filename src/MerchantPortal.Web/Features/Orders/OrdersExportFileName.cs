using System.Globalization;
using System.Text;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// The export's file name says what it holds: <c>orders-northwind-games-failed-2026-11-01_2026-11-30.csv</c> —
/// the merchant, then each filter in the order of the filter bar, then the date range (or the day of the export
/// when the range is open), and <c>-lines</c> for one row per order line. Unfiltered, it is <c>orders-all-…</c>.
/// </summary>
public static class OrdersExportFileName
{
    private const int MaxPartLength = 40;

    public static string For(OrderFilter filter, string? merchantName, bool perLine, DateOnly today)
    {
        var parts = new List<string> { "orders" };
        Add(parts, merchantName);
        foreach (var status in filter.Statuses)
        {
            Add(parts, WireNames.Of(status));
        }

        Add(parts, filter.Payment is { } payment ? "payment-" + WireNames.Of(payment) : null);
        Add(parts, filter.Fulfillment is { } fulfillment ? "fulfilment-" + WireNames.Of(fulfillment) : null);
        Add(parts, filter.Refunds is { } refunds ? "refunds-" + WireNames.Of(refunds) : null);
        Add(parts, filter.ItemId is { } item ? "item-" + item.ToString(CultureInfo.InvariantCulture) : null);
        Add(parts, filter.Source is { } source ? WireNames.Of(source) : null);
        Add(parts, filter.Search is { } search ? "search-" + search : null);
        if (parts.Count == 1)
        {
            parts.Add("all");
        }

        parts.Add((filter.From, filter.To) switch
        {
            ({ } from, { } to) => $"{Day(from)}_{Day(to)}",
            ({ } from, null) => $"from-{Day(from)}",
            (null, { } to) => $"to-{Day(to)}",
            _ => Day(today),
        });
        if (perLine)
        {
            parts.Add("lines");
        }

        return string.Join('-', parts) + ".csv";
    }

    private static string Day(DateOnly day) => day.ToString(OrderFilter.DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Lower-case letters and digits, anything else one hyphen — safe in every file system and header.</summary>
    private static void Add(List<string> parts, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var part = slug.ToString().Trim('-');
        if (part.Length > MaxPartLength)
        {
            part = part[..MaxPartLength].TrimEnd('-');
        }

        if (part.Length > 0)
        {
            parts.Add(part);
        }
    }
}
