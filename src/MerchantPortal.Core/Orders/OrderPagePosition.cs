using System.Globalization;

namespace MerchantPortal.Orders;

/// <summary>
/// An order's place in a sorted orders list: its number, and its total when the list is sorted by total.
/// Written into the page's address as <c>123</c> or <c>1250_123</c> (total in minor units, then number).
/// </summary>
public readonly record struct OrderPageKey(long Number, long? TotalMinor = null)
{
    public static OrderPageKey Of(OrderSummary order, OrderSort sort) =>
        new(order.Number, OrderQueries.SortsByTotal(sort) ? order.TotalMinor : null);

    public override string ToString() => TotalMinor is { } total
        ? string.Create(CultureInfo.InvariantCulture, $"{total}_{Number}")
        : Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a key written by <see cref="ToString"/>; a total is required exactly when the sort is by total.</summary>
    public static bool TryParse(string? text, OrderSort sort, out OrderPageKey key)
    {
        key = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('_');
        var byTotal = OrderQueries.SortsByTotal(sort);
        if (parts.Length != (byTotal ? 2 : 1) || !long.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        long? total = null;
        if (byTotal)
        {
            if (!long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t))
            {
                return false;
            }

            total = t;
        }

        key = new OrderPageKey(number, total);
        return true;
    }
}

/// <summary>
/// Which page of the grid to read: the one after <see cref="After"/> (the last row of the page before), the one
/// before <see cref="Before"/> (the first row of the page after), or the first page when neither is set.
/// </summary>
public sealed record OrderPagePosition(OrderPageKey? After = null, OrderPageKey? Before = null, int Size = OrderPagePosition.DefaultSize)
{
    public const int DefaultSize = 25;

    public const int MaxSize = 100;

    public static OrderPagePosition First { get; } = new();
}

/// <summary>
/// A grid page read by keyset: its rows, the keys that open the pages either side (null at either end), and
/// how many orders match — exact up to <see cref="OrderCount.Cap"/>, beyond which counting would read them all.
/// </summary>
public sealed record OrderGridPage(IReadOnlyList<OrderSummary> Items, OrderPageKey? Previous, OrderPageKey? Next, OrderCount Count);

/// <summary>The number of matching orders, or "more than <see cref="Cap"/>" once counting further would scan.</summary>
public readonly record struct OrderCount(int Value, bool IsCapped)
{
    public const int Cap = 10_000;

    /// <summary>The count of orders counted up to one past the cap (a count that stopped there is capped).</summary>
    public static OrderCount Of(int counted) => new(Math.Min(counted, Cap), counted > Cap);

    public override string ToString() => IsCapped
        ? Cap.ToString("N0", CultureInfo.InvariantCulture) + "+"
        : Value.ToString("N0", CultureInfo.InvariantCulture);
}
