using MerchantPortal.Catalog;
using MerchantPortal.Orders;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Orders;

public sealed partial class OrderFilterBar
{
    private DateRange? _dates;
    private ItemChoice? _item;
    private string? _searchError;

    [Inject]
    private CatalogService Catalog { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Parameter, EditorRequired]
    public OrderFilter Value { get; set; } = OrderFilter.None;

    [Parameter]
    public EventCallback<OrderFilter> ValueChanged { get; set; }

    /// <summary>Platform staff choose among all merchants; a merchant user only ever sees its own.</summary>
    [Parameter]
    public bool ShowMerchant { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _dates = Value.From is null && Value.To is null
            ? null
            : new DateRange(Value.From?.ToDateTime(TimeOnly.MinValue), Value.To?.ToDateTime(TimeOnly.MinValue));
        if (Value.ItemId != _item?.Id)
        {
            _item = Value.ItemId is { } itemId ? await FindItemAsync(itemId) : null;
        }
    }

    internal static string SourceLabel(OrderSource source) => source == OrderSource.Api ? "API" : "Dashboard";

    internal static string RefundsLabel(RefundFilter refunds) => refunds switch
    {
        RefundFilter.AwaitingApproval => "Awaiting approval",
        RefundFilter.Pending => "Refund pending",
        RefundFilter.Failed => "Refund failed",
        RefundFilter.PartiallyRefunded => "Partially refunded",
        RefundFilter.Refunded => "Refunded",
        _ => "Any refund",
    };

    private static string SortLabel(OrderSort sort) => sort switch
    {
        OrderSort.Oldest => "Oldest first",
        OrderSort.TotalHighest => "Total: high to low",
        OrderSort.TotalLowest => "Total: low to high",
        _ => "Newest first",
    };

    private async Task<IEnumerable<ItemChoice>> SearchItemsAsync(string? text, CancellationToken ct)
    {
        var query = new CatalogQuery(Search: text, IncludeInactive: true, PageSize: 20);
        var page = await Catalog.SearchAsync(query, await CurrentUser.GetActorAsync(), ct);
        return page.Items.Select(i => new ItemChoice(i.Id, i.Name, i.Sku, i.IsActive));
    }

    private async Task<ItemChoice> FindItemAsync(long itemId) =>
        await Catalog.GetAsync(itemId, await CurrentUser.GetActorAsync()) is { } details
            ? new ItemChoice(details.Item.Id, details.Item.Name, details.Item.Sku, details.Item.IsActive)
            : new ItemChoice(itemId, $"Item {itemId}", "unknown", IsActive: false);

    /// <summary>Said under the box while the text is too short to look for part of a name or email.</summary>
    internal static string ShortSearchHelp { get; } =
        $"Names and emails are searched from {OrderSearch.MinTextLength} characters; shorter text finds an exact order number or reference.";

    private string? SearchHelp => Value.Search is { Length: > 0 } search && !OrderSearch.SearchesCustomerText(search) ? ShortSearchHelp : null;

    /// <summary>An over-long search is kept whole in the box and refused at it, and the filter keeps its last search.</summary>
    private Task OnSearchChangedAsync(string? search)
    {
        var (checkedSearch, error) = OrderFilter.CheckSearch(search);
        _searchError = error?.Message;
        return error is null ? ChangeAsync(Value with { Search = checkedSearch }) : Task.CompletedTask;
    }

    private Task OnStatusesChangedAsync(IEnumerable<OrderStatus>? statuses) =>
        ChangeAsync(Value with { Statuses = [.. (statuses ?? []).Distinct().Order()] });

    private Task OnPaymentChangedAsync(PaymentStatus? payment) => ChangeAsync(Value with { Payment = payment });

    private Task OnFulfillmentChangedAsync(FulfillmentStatus? fulfillment) => ChangeAsync(Value with { Fulfillment = fulfillment });

    private Task OnRefundsChangedAsync(RefundFilter? refunds) => ChangeAsync(Value with { Refunds = refunds });

    private Task OnDatesChangedAsync(DateRange? range)
    {
        _dates = range;
        return ChangeAsync(Value with { From = DateOf(range?.Start), To = DateOf(range?.End) });
    }

    private Task OnItemChangedAsync(ItemChoice? item)
    {
        _item = item;
        return ChangeAsync(Value with { ItemId = item?.Id });
    }

    private Task OnSourceChangedAsync(OrderSource? source) => ChangeAsync(Value with { Source = source });

    private Task OnMerchantChangedAsync(Guid? merchantId) => ChangeAsync(Value with { MerchantId = merchantId });

    private Task OnSortChangedAsync(OrderSort sort) => ChangeAsync(Value with { Sort = sort });

    private Task ClearAsync() => ChangeAsync(OrderFilter.None with { Sort = Value.Sort });

    private Task ChangeAsync(OrderFilter filter) => filter == Value ? Task.CompletedTask : ValueChanged.InvokeAsync(filter);

    private static DateOnly? DateOf(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    /// <summary>An item as the item filter lists it.</summary>
    private sealed record ItemChoice(long Id, string Name, string Sku, bool IsActive)
    {
        public string Label => IsActive ? $"{Name} ({Sku})" : $"{Name} ({Sku}, inactive)";
    }
}
