using System.Globalization;
using System.Text;

namespace MerchantPortal.Refunds;

/// <summary>
/// A set of unit positions of an order line (0 … units − 1), kept as sorted, disjoint ranges and written as
/// text such as <c>"7-9,12"</c>. Each unit position carries a fixed share of the line's money (see
/// <see cref="RefundAllocation"/>); a refund holds the positions it paid back, so a reversed refund frees
/// exactly the money it took.
/// </summary>
public sealed class UnitSlots
{
    private readonly List<(int Start, int End)> _ranges;

    private UnitSlots(List<(int Start, int End)> ranges) => _ranges = ranges;

    public static UnitSlots Empty { get; } = new([]);

    /// <summary>The ranges, each from <c>Start</c> up to but not including <c>End</c>.</summary>
    public IReadOnlyList<(int Start, int End)> Ranges => _ranges;

    public int Count => _ranges.Sum(r => r.End - r.Start);

    public IEnumerable<int> Positions => _ranges.SelectMany(r => Enumerable.Range(r.Start, r.End - r.Start));

    public static UnitSlots Of(IEnumerable<int> positions)
    {
        var ranges = new List<(int Start, int End)>();
        foreach (var position in positions.Distinct().Order())
        {
            if (ranges.Count > 0 && ranges[^1].End == position)
            {
                ranges[^1] = (ranges[^1].Start, position + 1);
            }
            else
            {
                ranges.Add((position, position + 1));
            }
        }

        return new UnitSlots(ranges);
    }

    public static UnitSlots Parse(string text) => Of(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .SelectMany(part =>
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var start = int.Parse(dash < 0 ? part : part[..dash], CultureInfo.InvariantCulture);
            var last = dash < 0 ? start : int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture);
            return Enumerable.Range(start, last - start + 1);
        }));

    public static UnitSlots Union(IEnumerable<UnitSlots> sets) => Of(sets.SelectMany(s => s.Positions));

    public bool Contains(int position) => _ranges.Any(r => position >= r.Start && position < r.End);

    /// <summary>The <paramref name="count"/> highest positions below <paramref name="units"/> that are not in this set.</summary>
    public UnitSlots HighestFree(int units, int count) => Of(Enumerable.Range(0, units).Reverse().Where(p => !Contains(p)).Take(count));

    /// <summary>The <paramref name="count"/> lowest positions that are not in this set.</summary>
    public UnitSlots LowestFree(int units, int count) => Of(Enumerable.Range(0, units).Where(p => !Contains(p)).Take(count));

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (start, end) in _ranges)
        {
            text.Append(text.Length == 0 ? "" : ",").Append(start.ToString(CultureInfo.InvariantCulture));
            if (end - start > 1)
            {
                text.Append('-').Append((end - 1).ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
