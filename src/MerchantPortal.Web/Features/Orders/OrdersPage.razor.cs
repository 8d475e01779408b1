using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Orders;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// The orders list. Its filters live in the address (so a filtered view can be bookmarked, shared and
/// reloaded): choosing a filter updates the address, and opening an address applies its filters.
/// </summary>
public sealed partial class OrdersPage
{
    // Addresses this page navigated to itself whose echo (the parameters set again) has not come back yet.
    private readonly Queue<string> _ownNavigations = new();
    private MudDataGrid<OrderSummary>? _grid;
    private Actor? _actor;
    private OrderFilter _filter = OrderFilter.None;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private string? _addressError;
    private string? _lastUri;

    [Inject]
    private OrderQueries Orders { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private BrowserTimeZone BrowserTimeZone { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Status)]
    private string[]? Status { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Payment)]
    private string? Payment { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Fulfillment)]
    private string? Fulfillment { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.From)]
    private string? From { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.To)]
    private string? To { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Item)]
    private string? Item { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Source)]
    private string? Source { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Merchant)]
    private string? Merchant { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Refunds)]
    private string? Refunds { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Search)]
    private string? Search { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Sort)]
    private string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.TimeZone)]
    private string? TimeZone { get; set; }

    /// <summary>Platform staff (no merchant of their own) see every merchant's orders and can pick one.</summary>
    private bool IsStaff => _actor is { MerchantId: null };

    protected override async Task OnInitializedAsync() => _actor = await CurrentUser.GetActorAsync();

    protected override async Task OnParametersSetAsync()
    {
        // The page's parameters are also set when its layout re-renders; only a new address matters here.
        if (Navigation.Uri == _lastUri)
        {
            return;
        }

        _lastUri = Navigation.Uri;
        if (_ownNavigations.TryPeek(out var own) && own == Navigation.Uri)
        {
            _ownNavigations.Dequeue();
            return;
        }

        _ownNavigations.Clear();
        var parsed = OrderFilter.Parse(new OrderFilterText(Status, Payment, Fulfillment, From, To, Item, Source, Merchant, Search, Sort, TimeZone, Refunds));
        _addressError = parsed.Error?.Message;
        var filter = parsed.Succeeded ? parsed.Value : OrderFilter.None;
        if (filter != _filter)
        {
            _filter = filter;
            if (_grid is not null)
            {
                await _grid.ReloadServerData();
            }
        }
    }

    private async Task<GridData<OrderSummary>> LoadAsync(GridState<OrderSummary> state, CancellationToken ct)
    {
        _zone = await BrowserTimeZone.GetAsync();
        var page = await Orders.SearchAsync(_filter.ToQuery(_zone, state.Page, state.PageSize), _actor!, ct);
        return new GridData<OrderSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnFilterChangedAsync(OrderFilter filter)
    {
        _filter = filter;
        _addressError = null;
        var uri = Navigation.GetUriWithQueryParameters(filter.ToQueryParameters());
        if (uri != Navigation.Uri)
        {
            _ownNavigations.Enqueue(uri);
            Navigation.NavigateTo(uri, replace: true);
        }

        await _grid!.ReloadServerData();
    }

    private DateTime LocalTime(DateTime createdAtUtc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc), _zone);

    private static string CustomerTitle(OrderSummary order) =>
        order.CustomerEmail is { } email && email != order.CustomerName ? $"{order.CustomerName} <{email}>" : order.CustomerName;

    private static string UtcTitle(DateTime createdAtUtc) =>
        createdAtUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
