using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Balance;

public sealed partial class BalancePage
{
    private MudDataGrid<LedgerRow>? _grid;
    private Guid? _merchantId;
    private Actor _actor = default!;
    private Money? _balance;
    private bool _isStaff;
    private bool _canAdjust;

    [Inject]
    private LedgerService Ledger { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Staff may open a merchant's balance directly, e.g. from the merchants page.</summary>
    [SupplyParameterFromQuery(Name = "merchant")]
    public Guid? MerchantFromQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var principal = await CurrentUser.GetPrincipalAsync();
        _actor = CurrentUser.ToActor(principal);
        _isStaff = _actor.MerchantId is null;
        _merchantId = _actor.MerchantId ?? MerchantFromQuery;
        _canAdjust = (await Authorization.AuthorizeAsync(principal, Policies.AdjustBalance)).Succeeded;
        await RefreshBalanceAsync();
    }

    private async Task<GridData<LedgerRow>> LoadAsync(GridState<LedgerRow> state, CancellationToken ct)
    {
        if (_merchantId is not { } merchantId)
        {
            return new GridData<LedgerRow> { Items = [], TotalItems = 0 };
        }

        var page = await Ledger.HistoryAsync(merchantId, state.Page, state.PageSize, _actor, ct);
        return new GridData<LedgerRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnMerchantChangedAsync(Guid? merchantId)
    {
        _merchantId = merchantId;
        await RefreshBalanceAsync();
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task AdjustAsync()
    {
        var parameters = new DialogParameters<AdjustBalanceDialog>
        {
            { d => d.MerchantId, _merchantId!.Value },
            { d => d.Currency, _balance?.Currency.Code ?? "" },
        };
        var dialog = await Dialogs.ShowAsync<AdjustBalanceDialog>("Credit or debit the balance", parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: LedgerRow entry })
        {
            Snackbar.Add($"Booked {new Money(entry.AmountMinor, Currency.Of(entry.Currency))}.", Severity.Success);
            await RefreshBalanceAsync();
            await _grid!.ReloadServerData();
        }
    }

    private async Task RefreshBalanceAsync() =>
        _balance = _merchantId is { } id ? await Ledger.GetBalanceAsync(id, _actor) : null;

    private static string KindLabel(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.TopUp => "Top-up",
        LedgerEntryKind.Adjustment => "Adjustment",
        LedgerEntryKind.OrderCharge => "Order",
        _ => "Refund",
    };
}
