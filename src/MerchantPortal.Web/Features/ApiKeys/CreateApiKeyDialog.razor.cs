using MerchantPortal.Web.Components.Shared;
using MerchantPortal.ApiKeys;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.ApiKeys;

public sealed partial class CreateApiKeyDialog
{
    private readonly ApiKeyForm _form = new();
    private FieldErrors _errors = FieldErrors.None;
    private string? _generalError;
    private bool _saving;
    private bool _focusError;
    private ElementReference _content;

    [Inject]
    private ApiKeyService ApiKeys { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private FormFocus Focus { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The merchant the key is for.</summary>
    [Parameter, EditorRequired]
    public Guid MerchantId { get; set; }

    private bool HasError(string field) => ErrorFor(field) is not null;

    // The service's name limit, said while typing; the service says it again on create.
    private string? ErrorFor(string field) => _errors.For(field)
        ?? (field == ApiKeyForm.NameField && _form.Name.Trim().Length > ApiKeyErrors.MaxNameLength ? ApiKeyErrors.NameTooLong.Message : null);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusError)
        {
            _focusError = false;
            await Focus.FocusFirstErrorAsync(_content);
        }
    }

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
            _errors = FieldErrors.Of(created.Error!);
            _generalError = _errors.General;
            _focusError = true;
        }
        finally
        {
            _saving = false;
        }
    }
}
