using MerchantPortal.ApiKeys;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.ApiKeys;

public sealed partial class CreateApiKeyDialog
{
    private readonly ApiKeyForm _form = new();
    private Dictionary<string, string> _fieldErrors = [];
    private string? _generalError;
    private bool _saving;

    [Inject]
    private ApiKeyService ApiKeys { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The merchant the key is for.</summary>
    [Parameter, EditorRequired]
    public Guid MerchantId { get; set; }

    private bool HasError(string field) => _fieldErrors.ContainsKey(field);

    private string? ErrorFor(string field) => _fieldErrors.GetValueOrDefault(field);

    private void Toggle(string scope, bool on)
    {
        if (on)
        {
            _form.Scopes.Add(scope);
        }
        else
        {
            _form.Scopes.Remove(scope);
        }
    }

    private async Task CreateAsync()
    {
        if (_saving)
        {
            return;
        }

        _saving = true;
        _generalError = null;
        try
        {
            var request = _form.ToRequest(MerchantId);
            var created = request.Succeeded ? await ApiKeys.CreateAsync(request.Value, await CurrentUser.GetActorAsync()) : request.Error!;
            if (created.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(created.Value));
                return;
            }

            // Every field's errors at once, next to the fields; anything not about a field above them.
            _fieldErrors = ApiKeyForm.FieldErrors(created.Error!);
            _generalError = _fieldErrors.Count == 0 ? created.Error!.Message : null;
        }
        finally
        {
            _saving = false;
        }
    }
}
