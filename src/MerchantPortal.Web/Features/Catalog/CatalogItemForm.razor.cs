using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Catalog;

public sealed partial class CatalogItemForm
{
    private static readonly string[] CommonInputs = ["sku", "name", "description", "currency", "type", "fee", "tax"];

    private CatalogItemFormModel _model = new();
    private Dictionary<string, string> _errors = [];
    private string? _generalError;
    private bool _saving;
    private bool _focusError;

    /// <summary>The item to edit; null to create one.</summary>
    [Parameter]
    public CatalogItem? Existing { get; set; }

    [Inject]
    private CatalogService Catalog { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private FormFocus Focus { get; set; } = default!;

    private string CancelHref => Existing is null ? "/catalog" : $"/catalog/{Existing.Id}";

    protected override void OnInitialized() => _model = Existing is null ? new CatalogItemFormModel() : CatalogItemFormModel.From(Existing);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusError)
        {
            _focusError = false;
            await Focus.FocusFirstErrorAsync();
        }
    }

    private bool HasError(string input) => ErrorFor(input) is not null;

    // The service's limits, said while typing; the service says them again on save.
    private string? ErrorFor(string input) => _errors.GetValueOrDefault(input) ?? input switch
    {
        "sku" when _model.Sku.Trim().Length > CatalogItemRules.MaxSkuLength => CatalogErrors.SkuInvalid.Message,
        "name" when _model.Name.Trim().Length > CatalogItemRules.MaxNameLength => CatalogErrors.NameTooLong.Message,
        "description" when _model.Description?.Length > CatalogItemRules.MaxDescriptionLength => CatalogErrors.DescriptionTooLong.Message,
        _ => null,
    };

    private void OnTypeChanged(ProductType type)
    {
        _model.Type = type;
        _errors = [];
    }

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }

        _errors = [];
        _generalError = null;
        var (request, unconvertible) = _model.ToRequest();
        if (unconvertible.Count > 0)
        {
            // Nothing can be saved, but the service's validation still says what else is wrong, all at once.
            unconvertible.ToList().ForEach(ShowError);
            if (CatalogItemRules.Validate(request) is { } invalid)
            {
                ShowError(invalid);
            }

            _focusError = true;
            return;
        }

        _saving = true;
        try
        {
            var actor = await CurrentUser.GetActorAsync();
            var result = Existing is null
                ? await Catalog.CreateAsync(request, actor)
                : await Catalog.UpdateAsync(Existing.Id, request, actor);
            if (!result.Succeeded)
            {
                ShowError(result.Error!);
                _focusError = true;
                return;
            }

            var saved = result.Value.Item;
            Snackbar.Add(Existing is null ? $"{saved.Name} was created." : $"{saved.Name} was saved.", Severity.Success);
            Navigation.NavigateTo($"/catalog/{saved.Id}");
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>Shows each message at the input it names, or above the form when that input is not on screen.</summary>
    private void ShowError(Error error)
    {
        foreach (var each in error.Flatten())
        {
            if (each.Field is { } input && VisibleInputs().Contains(input))
            {
                _errors.TryAdd(input, each.Message);
            }
            else
            {
                _generalError = each.Message;
            }
        }
    }

    private IEnumerable<string> VisibleInputs() => CommonInputs.Concat(_model.Type switch
    {
        ProductType.Key => ["unit_price", "max_quantity"],
        ProductType.TopUp => [CatalogItemFormModel.MinAmountField, "max_amount", "step", "rate", "fields"],
        _ => ["unit_price", "fields"],
    });
}
