using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Customers;

/// <summary>
/// One customer: details and notes (edited in place by those who may, <see cref="Policies.EditCustomers"/>), history
/// (since, lifetime spend, last order), saved cards and orders, and a shortcut to a new order for them.
/// </summary>
public sealed partial class CustomerPage
{
    private CustomerProfile? _profile;
    private IReadOnlyList<OrderSummary> _orders = [];
    private int _totalOrders;
    private bool _loaded;
    private Actor _actor = default!;
    private bool _canEdit;
    private bool _canPlaceOrders;
    private bool _editing;
    private bool _saving;
    private string? _name;
    private string? _email;
    private string? _phone;
    private string? _notes;
    private FieldErrors _errors = FieldErrors.None;
    private bool _focusError;

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    [Inject]
    private FormFocus Focus { get; set; } = default!;

    [Inject]
    private OrderQueries Orders { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter]
    public Guid CustomerId { get; set; }

    private string NewOrderHref => $"/orders/new?customer={CustomerId}";

    protected override async Task OnParametersSetAsync()
    {
        var principal = await CurrentUser.GetPrincipalAsync();
        _actor = CurrentUser.ToActor(principal);
        _canEdit = (await Authorization.AuthorizeAsync(principal, Policies.EditCustomers)).Succeeded;
        _canPlaceOrders = (await Authorization.AuthorizeAsync(principal, Policies.PlaceOrders)).Succeeded;
        _profile = await Customers.GetProfileAsync(CustomerId, _actor);
        if (_profile is not null)
        {
            var page = await Orders.SearchAsync(new OrderQuery { CustomerId = CustomerId, PageSize = 20 }, _actor);
            _orders = page.Items;
            _totalOrders = page.TotalCount;
        }

        _editing = false;
        _loaded = true;
    }

    private void StartEditing()
    {
        if (_profile is not { Summary: var customer } profile)
        {
            return;
        }

        _name = profile.Name;
        _email = customer.Email;
        _phone = customer.Phone;
        _notes = profile.Notes;
        _errors = FieldErrors.None;
        _editing = true;
    }

    private void StopEditing()
    {
        _editing = false;
        _errors = FieldErrors.None;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusError)
        {
            _focusError = false;
            await Focus.FocusFirstErrorAsync();
        }
    }

    private async Task SaveAsync()
    {
        if (_saving || _profile is null)
        {
            return;
        }

        _saving = true;
        try
        {
            var saved = await Customers.UpdateAsync(CustomerId, new UpdateCustomer(_name, _email, _phone, _notes, _profile.Version), _actor);
            if (saved.Succeeded)
            {
                _profile = saved.Value;
                StopEditing();
                Snackbar.Add("Customer saved.", Severity.Success);
                return;
            }

            _errors = FieldErrors.Of(saved.Error!, CustomerDetailsForm.Fields);
            _focusError = true;
        }
        finally
        {
            _saving = false;
        }
    }
}
