using MerchantPortal.Catalog;
using MerchantPortal.Identity;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Catalog;

public sealed partial class CatalogItemPage
{
    private CatalogItemDetails? _details;
    private KeyCodesPanel? _codes;
    private bool _loading = true;
    private bool _canManage;
    private bool _changingActive;

    [Parameter]
    public long Id { get; set; }

    [Inject]
    private CatalogService Catalog { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private string StockClass => _details?.Stock switch
    {
        0 => "mud-error-text",
        < CatalogDisplay.LowStockThreshold => "mud-warning-text",
        _ => "",
    };

    protected override async Task OnInitializedAsync() =>
        _canManage = (await Authorization.AuthorizeAsync(await CurrentUser.GetPrincipalAsync(), Policies.ManageCatalog)).Succeeded;

    protected override async Task OnParametersSetAsync()
    {
        if (_details?.Item.Id == Id)
        {
            return;
        }

        _loading = true;
        _details = await Catalog.GetAsync(Id, await CurrentUser.GetActorAsync());
        _loading = false;
    }

    private async Task ToggleActiveAsync()
    {
        var item = _details!.Item;
        var activate = !item.IsActive;
        var confirmed = activate
            ? await Dialogs.ConfirmAsync($"Activate {item.Name}?", "It appears in the catalog again and can be ordered.", "Activate")
            : await Dialogs.ConfirmAsync($"Deactivate {item.Name}?",
                "It can no longer be ordered and is hidden from merchants' catalog. Orders already placed are not affected, and you can activate it again later.",
                "Deactivate", destructive: true);
        if (!confirmed)
        {
            return;
        }

        _changingActive = true;
        try
        {
            var result = await Catalog.SetActiveAsync(item.Id, activate, await CurrentUser.GetActorAsync());
            if (!result.Succeeded)
            {
                Snackbar.Add(result.Error!.Message, Severity.Error);
                return;
            }

            _details = result.Value;
            Snackbar.Add(activate ? $"{item.Name} is active." : $"{item.Name} is deactivated.", Severity.Success);
        }
        finally
        {
            _changingActive = false;
        }
    }

    private async Task UploadCodesAsync()
    {
        var item = _details!.Item;
        var parameters = new DialogParameters<UploadCodesDialog>
        {
            { d => d.ItemId, item.Id },
            { d => d.ItemName, item.Name },
        };
        var dialog = await Dialogs.ShowAsync<UploadCodesDialog>($"Upload codes to {item.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        await dialog.Result;

        // The dialog may have added codes even if it was then dismissed: always show the current stock.
        await ReloadStockAsync();
        if (_codes is not null)
        {
            await _codes.ReloadAsync();
        }
    }

    private async Task ReloadStockAsync() =>
        _details = await Catalog.GetAsync(_details!.Item.Id, await CurrentUser.GetActorAsync()) ?? _details;
}
