using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Identity;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using MerchantPortal.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Webhooks;

public sealed partial class WebhooksPage
{
    private IReadOnlyList<WebhookEndpointView> _endpoints = [];
    private WebhookEndpointView? _selected;
    private WebhookDeliveriesPanel? _deliveries;
    private Guid? _merchantId;
    private bool _isStaff;
    private bool _canManage;

    [Inject]
    private WebhookEndpointService Endpoints { get; set; } = default!;

    [Inject]
    private WebhookDeliveryService Deliveries { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Staff may open a merchant's webhooks directly.</summary>
    [SupplyParameterFromQuery(Name = "merchant")]
    public Guid? MerchantFromQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var principal = await CurrentUser.GetPrincipalAsync();
        var actor = CurrentUser.ToActor(principal);
        _isStaff = actor.MerchantId is null;
        _merchantId = actor.MerchantId ?? MerchantFromQuery;
        _canManage = (await Authorization.AuthorizeAsync(principal, Policies.ManageWebhooks)).Succeeded;
        await LoadEndpointsAsync();
    }

    private async Task OnMerchantChangedAsync(Guid? merchantId)
    {
        _merchantId = merchantId;
        _selected = null;
        await LoadEndpointsAsync();
    }

    private void Select(WebhookEndpointView endpoint) => _selected = endpoint;

    private async Task AddAsync()
    {
        var parameters = new DialogParameters<WebhookEndpointDialog> { { d => d.MerchantId, _merchantId!.Value } };
        var dialog = await Dialogs.ShowAsync<WebhookEndpointDialog>("Add a webhook endpoint", parameters, DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: CreatedWebhookEndpoint created })
        {
            _selected = created.Endpoint;
            await LoadEndpointsAsync();
            await ShowSecretAsync("Endpoint added", created.Secret, null);
        }
    }

    private async Task EditAsync(WebhookEndpointView endpoint)
    {
        var parameters = new DialogParameters<WebhookEndpointDialog> { { d => d.MerchantId, endpoint.MerchantId }, { d => d.Existing, endpoint } };
        var dialog = await Dialogs.ShowAsync<WebhookEndpointDialog>("Edit the webhook endpoint", parameters, DialogOptions);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Endpoint saved.", Severity.Success);
            await LoadEndpointsAsync();
        }
    }

    private async Task ToggleAsync(WebhookEndpointView endpoint) =>
        await ApplyAsync(await Endpoints.UpdateAsync(endpoint.Id, new UpdateWebhookEndpoint(Enabled: !endpoint.Enabled), await ActorAsync()),
            endpoint.Enabled ? "Endpoint disabled." : "Endpoint enabled.");

    private async Task ResumeAsync(WebhookEndpointView endpoint) =>
        await ApplyAsync(await Endpoints.ResumeAsync(endpoint.Id, await ActorAsync()), "Endpoint resumed; the deliveries that waited are on their way.");

    private async Task SendTestAsync(WebhookEndpointView endpoint)
    {
        _selected = endpoint;
        await ApplyAsync(await Deliveries.SendTestAsync(endpoint.Id, await ActorAsync()), "Test event queued.");
    }

    private async Task RotateAsync(WebhookEndpointView endpoint)
    {
        var overlap = WebhookEndpointService.DefaultRotationOverlap;
        if (!await Dialogs.ConfirmAsync("Rotate the signing secret?",
                $"A new secret signs every message from now on. The current one keeps signing alongside it for {overlap.TotalHours:0} hours, so you can update your receiver without missing a message.",
                "Rotate secret"))
        {
            return;
        }

        var rotated = await Endpoints.RotateSecretAsync(endpoint.Id, overlap, await ActorAsync());
        if (await ApplyAsync(rotated, null))
        {
            await ShowSecretAsync("New signing secret", rotated.Value.Secret,
                $"Messages carry two signatures, one for each secret, for the next {overlap.TotalHours:0} hours.");
        }
    }

    private async Task DeleteAsync(WebhookEndpointView endpoint)
    {
        if (!await Dialogs.ConfirmAsync("Delete the endpoint?",
                $"{endpoint.Url} will receive no more events, and its delivery history is deleted with it.", "Delete", destructive: true))
        {
            return;
        }

        var deleted = await Endpoints.DeleteAsync(endpoint.Id, await ActorAsync());
        Snackbar.Add(deleted.Succeeded ? "Endpoint deleted." : deleted.Error!.Message, deleted.Succeeded ? Severity.Success : Severity.Error);
        if (_selected?.Id == endpoint.Id)
        {
            _selected = null;
        }

        await LoadEndpointsAsync();
    }

    /// <summary>Reports the outcome of a change and shows the endpoints (and deliveries) as they are now; returns whether it worked.</summary>
    private async Task<bool> ApplyAsync<T>(Result<T> result, string? success)
    {
        if (!result.Succeeded)
        {
            Snackbar.Add(result.Error!.Message, Severity.Error);
        }
        else if (success is not null)
        {
            Snackbar.Add(success, Severity.Success);
        }

        await LoadEndpointsAsync();
        if (_deliveries is not null)
        {
            await _deliveries.ReloadAsync();
        }

        return result.Succeeded;
    }

    private async Task ShowSecretAsync(string title, string secret, string? note)
    {
        var parameters = new DialogParameters<WebhookSecretDialog> { { d => d.Title, title }, { d => d.Secret, secret }, { d => d.Note, note } };
        await (await Dialogs.ShowAsync<WebhookSecretDialog>(title, parameters, DialogOptions)).Result;
    }

    private async Task LoadEndpointsAsync()
    {
        if (_merchantId is not { } merchantId)
        {
            _endpoints = [];
            return;
        }

        var endpoints = await Endpoints.ListAsync(merchantId, await ActorAsync());
        _endpoints = endpoints.Succeeded ? endpoints.Value : [];
        _selected = _endpoints.FirstOrDefault(e => e.Id == _selected?.Id) ?? (_endpoints.Count > 0 ? _endpoints[0] : null);
    }

    private Task<Actor> ActorAsync() => CurrentUser.GetActorAsync();

    private static DialogOptions DialogOptions => new() { MaxWidth = MaxWidth.Small, FullWidth = true };
}
