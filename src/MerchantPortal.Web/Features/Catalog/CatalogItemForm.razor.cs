using MerchantPortal.Catalog;
using MerchantPortal.Common;
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

    private string CancelHref => Existing is null ? "/catalog" : $"/catalog/{Existing.Id}";

    protected override void OnInitialized() => _model = Existing is null ? new CatalogItemFormModel() : CatalogItemFormModel.From(Existing);

    private bool HasError(string input) => _errors.ContainsKey(input);

    private string? ErrorFor(string input) => _errors.GetValueOrDefault(input);

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
        var (request, invalid) = _model.ToRequest();
        if (request is null)
        {
            invalid.ToList().ForEach(ShowError);
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
