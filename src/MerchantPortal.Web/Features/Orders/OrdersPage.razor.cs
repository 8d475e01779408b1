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
/// The orders list. Its filters, sort and page live in the address (so a view can be bookmarked, shared,
/// reloaded and gone back to): choosing a filter updates the address, and opening an address applies it. The
/// page is a keyset position — the row it follows or precedes — so it stays put while new orders arrive. Rows
/// follow their orders live: when an order shown changes, in this instance or another
/// (<see cref="OrderChangeNotifier"/>), the page is read again, once for a burst of changes.
/// </summary>
public sealed partial class OrdersPage : IDisposable
{
    // Changes arriving close together (a fulfilment run, a bulk refund) are read in one go.
    private static readonly TimeSpan RefreshDelay = TimeSpan.FromMilliseconds(300);
    private readonly CancellationTokenSource _stop = new();
    private int _refreshQueued;
    private bool _subscribed;
    // Addresses this page navigated to itself whose echo (the parameters set again) has not come back yet.
    private readonly Queue<string> _ownNavigations = new();
    private static readonly int[] PageSizes = [10, 25, 50, 100];
    private Actor? _actor;
    private OrderFilter _filter = OrderFilter.None;
    private OrderPagePosition _position = OrderPagePosition.First;
    private OrderGridPage? _page;
    private bool _loading = true;
    private bool _loaded;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private string? _addressError;
    private string? _lastUri;

    [Inject]
    private OrderQueries Orders { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private OrderChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

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

    [SupplyParameterFromQuery(Name = OrderFilterKeys.After)]
    private string? After { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Before)]
    private string? Before { get; set; }

    [SupplyParameterFromQuery(Name = OrderFilterKeys.Size)]
    private int? Size { get; set; }

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
        var position = ReadPosition(filter.Sort);
        if (!_loaded || filter != _filter || position != _position)
        {
            _filter = filter;
            _position = position;
            await LoadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only a live circuit follows changes; a prerendered page is thrown away.
        if (firstRender)
        {
            Notifier.OrderChanged += OnOrderChanged;
            _subscribed = true;
        }
    }

    private void OnOrderChanged(Guid orderId)
    {
        // Raised on the thread that made or heard the change; the page is read again on the circuit's.
        if (_page is { } page && page.Items.Any(o => o.Id == orderId) && Interlocked.Exchange(ref _refreshQueued, 1) == 0)
        {
            _ = InvokeAsync(RefreshAsync);
        }
    }

    /// <summary>Reads the page shown again, in place: same filter and position, no loading bar.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            await Task.Delay(RefreshDelay, Clock, _stop.Token);
            Volatile.Write(ref _refreshQueued, 0);
            if (_actor is not null && !_loading)
            {
                _page = await Orders.PageAsync(_filter.ToQuery(_zone, pageSize: _position.Size), _position, _actor, _stop.Token);
                StateHasChanged();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The page was closed.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        if (_subscribed)
        {
            Notifier.OrderChanged -= OnOrderChanged;
        }

        _stop.Cancel();
        _stop.Dispose();
    }

    private string CountText => _page is not { } page ? ""
        : page.Count is { IsCapped: false, Value: 1 } ? "1 order"
        : $"{page.Count} orders";

    /// <summary>The page the address names; a key that cannot be read opens the first page and says so.</summary>
    private OrderPagePosition ReadPosition(OrderSort sort)
    {
        var size = Size is { } s && PageSizes.Contains(s) ? s : OrderPagePosition.DefaultSize;
        if (!string.IsNullOrEmpty(After) || !string.IsNullOrEmpty(Before))
        {
            if (OrderPageKey.TryParse(After, sort, out var after))
            {
                return new OrderPagePosition(After: after, Size: size);
            }

            if (OrderPageKey.TryParse(Before, sort, out var before))
            {
                return new OrderPagePosition(Before: before, Size: size);
            }

            _addressError ??= "The page in this link could not be read, so the first page is shown.";
        }

        return OrderPagePosition.First with { Size = size };
    }

    private async Task LoadAsync()
    {
        if (_actor is null)
        {
            return;
        }

        _loading = true;
        // While prerendering there is no browser to ask; the interactive render that follows reads the page in its zone.
        _zone = RendererInfo.IsInteractive ? await BrowserTimeZone.GetAsync() : BrowserTimeZone.Zone ?? TimeZoneInfo.Utc;
        _page = await Orders.PageAsync(_filter.ToQuery(_zone, pageSize: _position.Size), _position, _actor!);
        _loaded = true;
        _loading = false;
    }

    private Task OnFilterChangedAsync(OrderFilter filter)
    {
        _addressError = null;
        return ShowAsync(filter, OrderPagePosition.First with { Size = _position.Size }, replace: true);
    }

    private Task OnSortChangedAsync(OrderSort sort) => OnFilterChangedAsync(_filter with { Sort = sort });

    private Task OnPageSizeChangedAsync(int size) => ShowAsync(_filter, OrderPagePosition.First with { Size = size }, replace: true);

    private Task FirstPageAsync() => ShowAsync(_filter, OrderPagePosition.First with { Size = _position.Size }, replace: false);

    private Task PreviousPageAsync() => _page?.Previous is { } key
        ? ShowAsync(_filter, new OrderPagePosition(Before: key, Size: _position.Size), replace: false)
        : Task.CompletedTask;

    private Task NextPageAsync() => _page?.Next is { } key
        ? ShowAsync(_filter, new OrderPagePosition(After: key, Size: _position.Size), replace: false)
        : Task.CompletedTask;

    /// <summary>
    /// Shows a filter and page and writes them into the address. A new filter replaces the address; a move to
    /// another page adds one, so the browser's Back returns to the page before.
    /// </summary>
    private async Task ShowAsync(OrderFilter filter, OrderPagePosition position, bool replace)
    {
        _filter = filter;
        _position = position;
        var uri = Navigation.GetUriWithQueryParameters(AddressParameters(filter, position));
        if (uri != Navigation.Uri)
        {
            _ownNavigations.Enqueue(uri);
            Navigation.NavigateTo(uri, replace: replace);
        }

        await LoadAsync();
    }

    /// <summary>The filters, sort and page position as query string values (null leaves the address).</summary>
    internal static Dictionary<string, object?> AddressParameters(OrderFilter filter, OrderPagePosition position) =>
        new(filter.ToQueryParameters())
        {
            [OrderFilterKeys.After] = position.After?.ToString(),
            [OrderFilterKeys.Before] = position.Before?.ToString(),
            [OrderFilterKeys.Size] = position.Size == OrderPagePosition.DefaultSize ? null : position.Size,
        };

    private DateTime LocalTime(DateTime createdAtUtc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc), _zone);

    private static string CustomerTitle(OrderSummary order) =>
        order.CustomerEmail is { } email && email != order.CustomerName ? $"{order.CustomerName} <{email}>" : order.CustomerName;

    private static string UtcTitle(DateTime createdAtUtc) =>
        createdAtUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
