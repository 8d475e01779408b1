using MerchantPortal.Catalog;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Catalog;

public sealed partial class KeyCodesPanel
{
    private MudDataGrid<KeyCodeRow> _grid = default!;
    private KeyCodeStatus? _status;
    private bool _revealing;

    [Parameter, EditorRequired]
    public long ItemId { get; set; }

    [Inject]
    private KeyInventoryService Inventory { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Shows the inventory as it is now, e.g. after an upload.</summary>
    public Task ReloadAsync() => _grid.ReloadServerData();

    private static string StatusLabel(KeyCodeStatus status) => status == KeyCodeStatus.Available ? "Available" : "Delivered";

    private async Task<GridData<KeyCodeRow>> LoadAsync(GridState<KeyCodeRow> state, CancellationToken ct)
    {
        var page = await Inventory.ListAsync(ItemId, _status, state.Page, state.PageSize, await CurrentUser.GetActorAsync(), ct);
        return new GridData<KeyCodeRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnStatusChangedAsync(KeyCodeStatus? status)
    {
        _status = status;
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

        _revealing = true;
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
            _revealing = false;
        }
    }
}
