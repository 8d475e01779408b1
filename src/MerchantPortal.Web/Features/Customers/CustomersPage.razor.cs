using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Customers;

public sealed partial class CustomersPage
{
    private MudDataGrid<CustomerSummary> _grid = default!;
    private IReadOnlyDictionary<Guid, string> _merchantNames = new Dictionary<Guid, string>();
    private string? _search;
    private Guid? _merchantId;
    private Actor _actor = default!;
    private bool _isStaff;
    private bool _canAdd;

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    [Inject]
    private MerchantService Merchants { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var principal = await CurrentUser.GetPrincipalAsync();
        _actor = CurrentUser.ToActor(principal);
        _isStaff = _actor.MerchantId is null;
        _merchantId = _actor.MerchantId;
        _canAdd = (await Authorization.AuthorizeAsync(principal, Policies.PlaceOrders)).Succeeded;
        if (_isStaff)
        {
            _merchantNames = (await Merchants.ListAsync()).ToDictionary(m => m.Id, m => m.Name);
        }
    }

    private async Task<GridData<CustomerSummary>> LoadAsync(GridState<CustomerSummary> state, CancellationToken ct)
    {
        var page = await Customers.SearchAsync(new CustomerQuery(_merchantId, _search, state.Page, state.PageSize), _actor, ct);
        return new GridData<CustomerSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnSearchChangedAsync(string? search)
    {
        _search = search;
        await _grid.ReloadServerData();
    }

    private async Task OnMerchantChangedAsync(Guid? merchantId)
    {
        _merchantId = merchantId;
        await _grid.ReloadServerData();
    }

    private async Task AddAsync()
    {
        var dialog = await Dialogs.ShowAsync<AddCustomerDialog>("Add customer",
            new DialogParameters<AddCustomerDialog> { { d => d.MerchantId, _merchantId } },
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: CustomerSummary customer })
        {
            Snackbar.Add($"{customer.DisplayName} is saved.", Severity.Success);
            await _grid.ReloadServerData();
        }
    }

    private string MerchantName(Guid merchantId) => _merchantNames.GetValueOrDefault(merchantId) ?? "";
}
