using MerchantPortal.Catalog;
using MerchantPortal.Identity;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Catalog;

public sealed partial class CatalogPage
{
    private MudDataGrid<CatalogItemSummary> _grid = default!;
    private string? _search;
    private ProductType? _type;
    private bool _includeInactive;
    private bool _canManage;

    [Inject]
    private CatalogService Catalog { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync() =>
        _canManage = (await Authorization.AuthorizeAsync(await CurrentUser.GetPrincipalAsync(), Policies.ManageCatalog)).Succeeded;

    private async Task<GridData<CatalogItemSummary>> LoadAsync(GridState<CatalogItemSummary> state, CancellationToken ct)
    {
        // Only catalog managers may see items that can no longer be ordered.
        var query = new CatalogQuery(_search, _type, _includeInactive && _canManage, Page: state.Page, PageSize: state.PageSize);
        var page = await Catalog.SearchAsync(query, await CurrentUser.GetActorAsync(), ct);
        return new GridData<CatalogItemSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnSearchChangedAsync(string? search)
    {
        _search = search;
        await _grid.ReloadServerData();
    }

    private async Task OnTypeChangedAsync(ProductType? type)
    {
        _type = type;
        await _grid.ReloadServerData();
    }

    private async Task OnIncludeInactiveChangedAsync(bool include)
    {
        _includeInactive = include;
        await _grid.ReloadServerData();
    }

    private void OpenItem(DataGridRowClickEventArgs<CatalogItemSummary> args) => Navigation.NavigateTo($"/catalog/{args.Item.Id}");

    private static string RowClass(CatalogItemSummary item, int index) =>
        item.IsActive ? "mp-clickable-row" : "mp-clickable-row mp-inactive-row";
}
