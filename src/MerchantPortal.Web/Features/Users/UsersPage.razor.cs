using MerchantPortal.Common;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Web.Components.Account;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Users;

public sealed partial class UsersPage
{
    private MudDataGrid<UserSummary> _grid = default!;
    private string? _search;
    private string? _role;

    [Inject]
    private UserAdminService UserAdmin { get; set; } = default!;

    [Inject]
    private MerchantService Merchants { get; set; } = default!;

    [Inject]
    private AccountLinks AccountLinks { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task<GridData<UserSummary>> LoadAsync(GridState<UserSummary> state, CancellationToken ct)
    {
        var page = await UserAdmin.SearchAsync(new UserQuery(_search, _role, state.Page, state.PageSize), ct);
        return new GridData<UserSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnSearchChangedAsync(string? search)
    {
        _search = search;
        await _grid.ReloadServerData();
    }

    private async Task OnRoleChangedAsync(string? role)
    {
        _role = role;
        await _grid.ReloadServerData();
    }

    private Task InviteAsync() => ShowUserDialogAsync(null, "Invite a user");

    private Task EditAsync(UserSummary user) => ShowUserDialogAsync(user, $"Edit {user.DisplayName}");

    private async Task ShowUserDialogAsync(UserSummary? existing, string title)
    {
        var parameters = new DialogParameters<UserDialog>
        {
            { d => d.Existing, existing },
            { d => d.Merchants, await Merchants.ListAsync() },
        };
        var dialog = await Dialogs.ShowAsync<UserDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: UserSummary saved })
        {
            Snackbar.Add(existing is null ? $"{saved.Email} was created." : $"{saved.Email} was updated.", Severity.Success);
            await _grid.ReloadServerData();
        }
    }

    private async Task SendResetAsync(UserSummary user)
    {
        var confirmed = await Dialogs.ConfirmAsync("Send a password reset link?",
            $"{user.Email} will get an email with a link to choose a new password. Their current password keeps working until then.",
            "Send link");
        if (!confirmed)
        {
            return;
        }

        var result = await AccountLinks.SendResetByAdminAsync(user.Id, await CurrentUser.GetActorAsync());
        Notify(result.Error, $"A password reset link was sent to {user.Email}.");
    }

    private async Task LockAsync(UserSummary user)
    {
        var confirmed = await Dialogs.ConfirmAsync($"Lock {user.Email}?",
            "They are signed out within a minute and cannot sign in until an admin unlocks the account.",
            "Lock account", destructive: true);
        if (!confirmed)
        {
            return;
        }

        var result = await UserAdmin.LockAsync(user.Id, await CurrentUser.GetActorAsync());
        Notify(result.Error, $"{user.Email} is locked.");
        await _grid.ReloadServerData();
    }

    private async Task UnlockAsync(UserSummary user)
    {
        var confirmed = await Dialogs.ConfirmAsync($"Unlock {user.Email}?",
            "They can sign in again with their password.", "Unlock account");
        if (!confirmed)
        {
            return;
        }

        var result = await UserAdmin.UnlockAsync(user.Id, await CurrentUser.GetActorAsync());
        Notify(result.Error, $"{user.Email} is unlocked.");
        await _grid.ReloadServerData();
    }

    private void Notify(Error? error, string success) =>
        Snackbar.Add(error?.Message ?? success, error is null ? Severity.Success : Severity.Error);

    private static Color RoleColor(string role) => role switch
    {
        Roles.Admin => Color.Tertiary,
        Roles.Support => Color.Info,
        _ => Color.Primary,
    };
}
