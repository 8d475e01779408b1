using Microsoft.AspNetCore.Mvc;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>The query string names of the orders list's filters, shared by the page's address and the CSV export.</summary>
public static class OrderFilterKeys
{
    public const string Status = "status";
    public const string Payment = "payment";
    public const string Fulfillment = "fulfillment";
    public const string From = "from";
    public const string To = "to";
    public const string Item = "item";
    public const string Source = "source";
    public const string Merchant = "merchant";
    public const string Refunds = "refunds";
    public const string Search = "q";
    public const string Sort = "sort";
    public const string TimeZone = "tz";

    /// <summary>The page position (not a filter): the key of the row the page follows, or precedes, and the page size.</summary>
    public const string After = "after";
    public const string Before = "before";
    public const string Size = "size";
}

/// <summary>
/// The orders list's filters as text, exactly as a query string carries them. The export endpoint binds
/// it with <c>[AsParameters]</c>, the orders page fills it from its <c>[SupplyParameterFromQuery]</c>
/// properties, and <see cref="OrderFilter.Parse"/> reads both the same way.
/// </summary>
public sealed record OrderFilterText(
    [FromQuery(Name = OrderFilterKeys.Status)] string[]? Status = null,
    [FromQuery(Name = OrderFilterKeys.Payment)] string? Payment = null,
    [FromQuery(Name = OrderFilterKeys.Fulfillment)] string? Fulfillment = null,
    [FromQuery(Name = OrderFilterKeys.From)] string? From = null,
    [FromQuery(Name = OrderFilterKeys.To)] string? To = null,
    [FromQuery(Name = OrderFilterKeys.Item)] string? Item = null,
    [FromQuery(Name = OrderFilterKeys.Source)] string? Source = null,
    [FromQuery(Name = OrderFilterKeys.Merchant)] string? Merchant = null,
    [FromQuery(Name = OrderFilterKeys.Search)] string? Search = null,
    [FromQuery(Name = OrderFilterKeys.Sort)] string? Sort = null,
    [FromQuery(Name = OrderFilterKeys.TimeZone)] string? TimeZone = null,
    [FromQuery(Name = OrderFilterKeys.Refunds)] string? Refunds = null);
