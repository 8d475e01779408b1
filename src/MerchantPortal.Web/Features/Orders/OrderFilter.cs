using System.Globalization;
using MerchantPortal.Common;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// The filters and sort of the orders list, as a person chooses them: dates are whole local days. The
/// orders page keeps them in its address, the CSV export reads the same address, and both turn them
/// into an <see cref="OrderQuery"/> with <see cref="ToQuery"/>.
/// </summary>
public sealed partial record OrderFilter
{
    public const int MaxSearchLength = 254;

    /// <summary>The search box's and the address's one message for a search over <see cref="MaxSearchLength"/>.</summary>
    public static Error SearchTooLong { get; } =
        new("FILTER_INVALID", $"The search can be at most {MaxSearchLength} characters.", OrderFilterKeys.Search);

    /// <summary>The search as the filter keeps it (trimmed; none for blank text), or <see cref="SearchTooLong"/>.</summary>
    public static (string? Search, Error? Error) CheckSearch(string? text)
    {
        var search = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return search?.Length > MaxSearchLength ? (null, SearchTooLong) : (search, null);
    }

    internal const string DateFormat = "yyyy-MM-dd";

    public static OrderFilter None { get; } = new();

    public IReadOnlyList<OrderStatus> Statuses { get; init; } = [];

    public PaymentStatus? Payment { get; init; }

    public FulfillmentStatus? Fulfillment { get; init; }

    /// <summary>The first day of the range, inclusive, in <see cref="TimeZone"/> (or the viewer's zone).</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day of the range, inclusive.</summary>
    public DateOnly? To { get; init; }

    public long? ItemId { get; init; }

    public OrderSource? Source { get; init; }

    public Guid? MerchantId { get; init; }

    /// <summary>Orders by the state of their refunds (any refund, one awaiting approval, a failed one…).</summary>
    public RefundFilter? Refunds { get; init; }

    public string? Search { get; init; }

    public OrderSort Sort { get; init; } = OrderSort.Newest;

    /// <summary>The zone the dates are days of; when null, the viewer's own zone (the page) or UTC (the export).</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Whether anything narrows the list (the sort does not).</summary>
    public bool IsFiltered => Statuses.Count > 0 || Payment is not null || Fulfillment is not null || From is not null
        || To is not null || ItemId is not null || Source is not null || MerchantId is not null || Refunds is not null
        || !string.IsNullOrEmpty(Search);

    /// <summary>
    /// The filters as query string values for <c>NavigationManager.GetUriWithQueryParameters</c>: every
    /// key is present, and unset filters are null so they leave the address.
    /// </summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [OrderFilterKeys.Status] = Statuses.Count == 0 ? null : Statuses.Select(s => WireNames.Of(s)).ToArray(),
        [OrderFilterKeys.Payment] = Payment is { } payment ? WireNames.Of(payment) : null,
        [OrderFilterKeys.Fulfillment] = Fulfillment is { } fulfillment ? WireNames.Of(fulfillment) : null,
        [OrderFilterKeys.From] = From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        [OrderFilterKeys.To] = To?.ToString(DateFormat, CultureInfo.InvariantCulture),
        [OrderFilterKeys.Item] = ItemId,
        [OrderFilterKeys.Source] = Source is { } source ? WireNames.Of(source) : null,
        [OrderFilterKeys.Merchant] = MerchantId,
        [OrderFilterKeys.Refunds] = Refunds is { } refunds ? WireNames.Of(refunds) : null,
        [OrderFilterKeys.Search] = Search,
        [OrderFilterKeys.Sort] = Sort == OrderSort.Newest ? null : WireNames.Of(Sort),
        [OrderFilterKeys.TimeZone] = TimeZone?.Id,
    };

    /// <summary>
    /// The service layer's query. The local days become a UTC range [start of <see cref="From"/>,
    /// start of the day after <see cref="To"/>) in <see cref="TimeZone"/>, or else in <paramref name="viewerZone"/>.
    /// </summary>
    public OrderQuery ToQuery(TimeZoneInfo viewerZone, int page = 0, int pageSize = 25)
    {
        var zone = TimeZone ?? viewerZone;
        return new OrderQuery
        {
            MerchantId = MerchantId,
            Statuses = Statuses.Count == 0 ? null : Statuses,
            PaymentStatus = Payment,
            FulfillmentStatus = Fulfillment,
            CreatedFrom = From is { } from ? LocalDays.StartOfDayUtc(from, zone) : null,
            CreatedTo = To is { } to ? LocalDays.StartOfDayUtc(to.AddDays(1), zone) : null,
            ItemId = ItemId,
            Source = Source,
            Refunds = Refunds,
            Search = Search,
            Sort = Sort,
            Page = page,
            PageSize = pageSize,
        };
    }

    public bool Equals(OrderFilter? other) =>
        other is not null && Statuses.SequenceEqual(other.Statuses) && Payment == other.Payment && Fulfillment == other.Fulfillment
        && From == other.From && To == other.To && ItemId == other.ItemId && Source == other.Source && MerchantId == other.MerchantId
        && Refunds == other.Refunds && Search == other.Search && Sort == other.Sort && Equals(TimeZone, other.TimeZone);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var status in Statuses)
        {
            hash.Add(status);
        }

        hash.Add(Payment);
        hash.Add(Fulfillment);
        hash.Add(From);
        hash.Add(To);
        hash.Add(ItemId);
        hash.Add(Source);
        hash.Add(MerchantId);
        hash.Add(Refunds);
        hash.Add(Search);
        hash.Add(Sort);
        hash.Add(TimeZone);
        return hash.ToHashCode();
    }
}
