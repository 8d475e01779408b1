using MerchantPortal.ApiKeys;
using MerchantPortal.Auditing;
using MerchantPortal.Merchants;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.ApiKeys;

public sealed partial class ApiKeysPage
{
    private Actor _actor = default!;
    private Guid? _merchantId;
    private bool _isStaff;
    private bool _canManage;
    private bool _loading;
    private string? _error;
    private IReadOnlyList<ApiKeySummary> _keys = [];

    [Inject]
    private ApiKeyService ApiKeys { get; set; } = default!;

    [Inject]
    private MerchantService Merchants { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Staff may open a merchant's keys directly, e.g. from the merchants page.</summary>
    [SupplyParameterFromQuery(Name = "merchant")]
    public Guid? MerchantFromQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentUser.GetActorAsync();
        _isStaff = _actor.MerchantId is null;
        await OnMerchantChangedAsync(_actor.MerchantId ?? MerchantFromQuery);
    }

    private async Task OnMerchantChangedAsync(Guid? merchantId)
    {
        _merchantId = merchantId;
        var merchant = merchantId is { } id ? await Merchants.FindAsync(id) : null;
        _canManage = merchant is not null && ApiKeyPermissions.MayManage(_actor, merchant.MerchantUsersManageApiKeys);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_merchantId is not { } merchantId)
        {
            _keys = [];
            return;
        }

        _loading = true;
        var listed = await ApiKeys.ListAsync(merchantId, _actor);
        _keys = listed.Succeeded ? listed.Value : [];
        _error = listed.Error?.Message;
        _loading = false;
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateApiKeyDialog>("Create an API key",
            new DialogParameters<CreateApiKeyDialog> { { d => d.MerchantId, _merchantId!.Value } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: CreatedApiKey created })
        {
            await LoadAsync();
            await ShowSecretAsync(created, "Your new API key");
        }
    }

    private async Task RollAsync(ApiKeySummary key)
    {
        var dialog = await Dialogs.ShowAsync<RollApiKeyDialog>($"Roll “{key.Name}”",
            new DialogParameters<RollApiKeyDialog> { { d => d.Key, key } },
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: CreatedApiKey created })
        {
            await LoadAsync();
            await ShowSecretAsync(created, $"The new key for “{key.Name}”");
        }
    }

    private async Task RevokeAsync(ApiKeySummary key)
    {
        var confirmed = await Dialogs.ConfirmAsync($"Revoke “{key.Name}”?",
            $"Calls with {key.Prefix}… are refused from now on, on every server. This cannot be undone: create a new key to reconnect.",
            "Revoke key", destructive: true);
        if (!confirmed)
        {
            return;
        }

        var revoked = await ApiKeys.RevokeAsync(key.Id, _actor);
        Snackbar.Add(revoked.Error?.Message ?? $"“{key.Name}” is revoked.", revoked.Succeeded ? Severity.Success : Severity.Error);
        await LoadAsync();
    }

    private async Task ShowSecretAsync(CreatedApiKey created, string title)
    {
        var dialog = await Dialogs.ShowAsync<ApiKeySecretDialog>(title,
            new DialogParameters<ApiKeySecretDialog> { { d => d.Created, created } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false });
        await dialog.Result;
    }
}
