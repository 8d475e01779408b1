using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Components.Shared;
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
    private bool _canSetThreshold;
    private DateTime? _from;
    private DateTime? _to;
    private LedgerKindFilter _kind;
    private string? _text;
    private LedgerQuery? _applied;
    private LedgerFilterValues? _addressFilter;
    private FieldErrors _filterErrors = FieldErrors.None;
    private bool _filtered;

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

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Staff may open a merchant's balance directly, e.g. from the merchants page.</summary>
    [SupplyParameterFromQuery(Name = "merchant")]
    public Guid? MerchantFromQuery { get; set; }

    /// <summary>The ledger filter in the address (see <see cref="LedgerFilterAddress"/>), so a filtered ledger can be bookmarked.</summary>
    [SupplyParameterFromQuery(Name = LedgerFilterAddress.From)]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = LedgerFilterAddress.To)]
    public string? ToQuery { get; set; }

    [SupplyParameterFromQuery(Name = LedgerFilterAddress.Kind)]
    public string? KindQuery { get; set; }

    [SupplyParameterFromQuery(Name = LedgerFilterAddress.Text)]
    public string? TextQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var principal = await CurrentUser.GetPrincipalAsync();
        _actor = CurrentUser.ToActor(principal);
        _isStaff = _actor.MerchantId is null;
        _merchantId = _actor.MerchantId ?? MerchantFromQuery;
        _canAdjust = (await Authorization.AuthorizeAsync(principal, Policies.AdjustBalance)).Succeeded;
        _canSetThreshold = (await Authorization.AuthorizeAsync(principal, Policies.ManageMerchants)).Succeeded;
        ReadFilterFromAddress(AddressFilter());
        await RefreshBalanceAsync();
    }

    /// <summary>
    /// Follows the address while the page is open (Back and Forward between filtered ledgers): a filter in the address
    /// other than the one last read from it or written to it is applied. The page's own writes, and renders of the
    /// layout that set the parameters again, name the same filter and change nothing.
    /// </summary>
    protected override async Task OnParametersSetAsync()
    {
        var filter = AddressFilter();
        if (filter == _addressFilter)
        {
            return;
        }

        ReadFilterFromAddress(filter);
        _filterErrors = FieldErrors.None;
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private LedgerFilterValues AddressFilter() => LedgerFilterAddress.Read(FromQuery, ToQuery, KindQuery, TextQuery);

    /// <summary>
    /// Shows the ledger with the filter the address names. A value that cannot be read is left out, and a filter the
    /// service would refuse is dropped as a whole: the ledger then shows unfiltered rather than an error.
    /// </summary>
    private void ReadFilterFromAddress(LedgerFilterValues filter)
    {
        _addressFilter = filter;
        _from = filter.From?.ToDateTime(TimeOnly.MinValue);
        _to = filter.To?.ToDateTime(TimeOnly.MinValue);
        _kind = filter.Kind;
        _text = filter.Text;
        if (_merchantId is not { } merchantId)
        {
            return;
        }

        var query = Query(merchantId);
        if (LedgerQuery.Validate(query) is not null)
        {
            (_from, _to, _kind, _text) = (null, null, LedgerKindFilter.All, null);
            query = new LedgerQuery(merchantId);
        }

        _applied = query;
        _filtered = IsFiltered(query);
    }

    private static bool IsFiltered(LedgerQuery query) =>
        query.From is not null || query.To is not null || query.Kind != LedgerKindFilter.All || !string.IsNullOrWhiteSpace(query.Text);

    private async Task<GridData<LedgerRow>> LoadAsync(GridState<LedgerRow> state, CancellationToken ct)
    {
        if (_merchantId is not { } merchantId)
        {
            return new GridData<LedgerRow> { Items = [], TotalItems = 0 };
        }

        var query = (_applied ?? new LedgerQuery(merchantId)) with { Page = state.Page, PageSize = state.PageSize };
        var result = await Ledger.SearchAsync(query, _actor, ct);
        if (!result.Succeeded)
        {
            return new GridData<LedgerRow> { Items = [], TotalItems = 0 };
        }

        return new GridData<LedgerRow> { Items = result.Value.Items, TotalItems = result.Value.TotalCount };
    }

    /// <summary>The filter as typed: the days are the viewer's, the range ends after the last day.</summary>
    private LedgerQuery Query(Guid merchantId) => new(
        merchantId,
        _from is { } from ? TimeZone.StartOfDayUtc(DateOnly.FromDateTime(from)) : null,
        _to is { } to ? TimeZone.StartOfDayUtc(DateOnly.FromDateTime(to).AddDays(1)) : null,
        _kind,
        _text);

    private string ExportHref => _merchantId is { } id ? LedgerExportEndpoint.PathFor(_applied ?? new LedgerQuery(id)) : LedgerExportEndpoint.Path;

    /// <summary>Checks the whole filter with the service (every error at its field) before the grid reloads.</summary>
    private async Task ApplyFilterAsync()
    {
        if (_merchantId is not { } merchantId)
        {
            return;
        }

        var query = Query(merchantId);
        if (LedgerQuery.Validate(query) is { } invalid)
        {
            _filterErrors = FieldErrors.Of(invalid, LedgerFilterFields);
            return;
        }

        _filterErrors = FieldErrors.None;
        _applied = query;
        _filtered = IsFiltered(query);
        WriteFilterToAddress();
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    /// <summary>Puts the applied filter in the address, replacing it, so a reload or a bookmark shows the same ledger.</summary>
    private void WriteFilterToAddress()
    {
        var filter = LedgerFilterAddress.Values(
            _from is { } from ? DateOnly.FromDateTime(from) : null,
            _to is { } to ? DateOnly.FromDateTime(to) : null,
            _kind,
            _text);
        // Remembered first: the navigation sets the page's parameters again, to this same filter, which is then no change.
        _addressFilter = filter;
        var uri = Navigation.GetUriWithQueryParameters(LedgerFilterAddress.Parameters(filter));
        if (uri != Navigation.Uri)
        {
            Navigation.NavigateTo(uri, replace: true);
        }
    }

    private static readonly string[] LedgerFilterFields = ["from", "to", "kind", "text"];

    private async Task OnMerchantChangedAsync(Guid? merchantId)
    {
        _merchantId = merchantId;
        _applied = null;
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

}
