using MerchantPortal.Catalog;
using MerchantPortal.Identity;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Catalog;

public sealed partial class KeyCodesPanel
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private MudDataGrid<KeyCodeRow> _grid = default!;
    private KeyCodeStatus? _status;
    private string? _endsWith;
    private bool _canVoid;
    private bool _busy;

    [Parameter, EditorRequired]
    public long ItemId { get; set; }

    /// <summary>Raised after a code was voided, so the page can show the stock as it is now.</summary>
    [Parameter]
    public EventCallback CodesChanged { get; set; }

    [Inject]
    private KeyInventoryService Inventory { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    // No maxlength to cut a pasted code: a search longer than any code says so instead.
    private string? SearchError => _endsWith?.Trim().Length > KeyCodeText.MaxLength ? CatalogErrors.CodeSearchTooLong.Message : null;

    private string EmptyText => (_status, string.IsNullOrWhiteSpace(_endsWith)) switch
    {
        (null, true) => "No codes yet. Upload codes to stock this item.",
        (_, true) => "No codes with this status.",
        _ => "No codes end like this. Enter up to the last 4 characters, or the whole code.",
    };

    /// <summary>Shows the inventory as it is now, e.g. after an upload.</summary>
    public Task ReloadAsync() => _grid.ReloadServerData();

    protected override async Task OnInitializedAsync() =>
        _canVoid = (await CurrentUser.GetActorAsync()).Can(Capability.ManageKeyInventory);

    private static string StatusLabel(KeyCodeStatus status) => status switch
    {
        KeyCodeStatus.Available => "Available",
        KeyCodeStatus.Delivered => "Delivered",
        _ => "Voided",
    };

    private static Color StatusColor(KeyCodeStatus status) => status switch
    {
        KeyCodeStatus.Available => Color.Success,
        KeyCodeStatus.Voided => Color.Error,
        _ => Color.Default,
    };

    private async Task<GridData<KeyCodeRow>> LoadAsync(GridState<KeyCodeRow> state, CancellationToken ct)
    {
        var page = await Inventory.ListAsync(ItemId, new KeyCodeQuery(_status, _endsWith, state.Page, state.PageSize),
            await CurrentUser.GetActorAsync(), ct);
        return new GridData<KeyCodeRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnStatusChangedAsync(KeyCodeStatus? status)
    {
        _status = status;
        await _grid.ReloadServerData();
    }

    private async Task OnEndsWithChangedAsync(string? endsWith)
    {
        _endsWith = endsWith;
        await _grid.ReloadServerData();
    }

    private async Task RevealAsync(KeyCodeRow code)
    {
        var confirmed = await Dialogs.ConfirmAsync("Reveal this code?",
            $"Revealing a code is recorded in the audit log with your name. Anyone who sees code {code.Masked} can redeem it.",
            "Reveal code");
        if (!confirmed)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Inventory.RevealAsync(code.Id, await CurrentUser.GetActorAsync());
            if (!result.Succeeded)
            {
                Snackbar.Add(result.Error!.Message, Severity.Error);
                return;
            }

            var parameters = new DialogParameters<RevealedCodeDialog> { { d => d.Code, result.Value } };
            await Dialogs.ShowAsync<RevealedCodeDialog>("Code", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task VoidAsync(KeyCodeRow code)
    {
        var confirmed = await Dialogs.ConfirmAsync($"Void code {code.Masked}?",
            "A voided code is never delivered to an order and no longer counts as stock. This cannot be undone, and the same code " +
            "cannot be uploaded again. Voiding is recorded in the audit log with your name.",
            "Void code", destructive: true);
        if (!confirmed)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Inventory.VoidAsync(code.Id, await CurrentUser.GetActorAsync());
            Snackbar.Add(result.Succeeded ? $"Code {code.Masked} is voided." : result.Error!.Message,
                result.Succeeded ? Severity.Success : Severity.Error);
            await _grid.ReloadServerData();
            await CodesChanged.InvokeAsync();
        }
        finally
        {
            _busy = false;
        }
    }
}
