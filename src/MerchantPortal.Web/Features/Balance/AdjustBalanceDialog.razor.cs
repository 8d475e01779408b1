using MerchantPortal.Common;
using MerchantPortal.Ledger;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Balance;

/// <summary>
/// An admin's credit or debit of a merchant's balance. The ledger service judges every value and says all
/// that is wrong at once, each at its field; above the confirmation threshold it asks for the amount to be
/// confirmed in figures and words, and only the confirmed request books.
/// </summary>
public sealed partial class AdjustBalanceDialog
{
    private static readonly string[] FormFields = ["amount", "reason"];

    // One key per dialog: a double click, or the confirmed resend, books the movement once.
    private readonly string _idempotencyKey = Guid.NewGuid().ToString("N");
    private ElementReference _content;
    private BalanceDirection _direction = BalanceDirection.Credit;
    private decimal? _amount;
    private string? _reason;
    private FieldErrors _errors = FieldErrors.None;
    private string? _confirmation;
    private bool _saving;
    private bool _focusError;

    [Inject]
    private LedgerService Ledger { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private FormFocus Focus { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public Guid MerchantId { get; set; }

    [Parameter]
    public string Currency { get; set; } = "";

    private string? AmountError => _errors.For("amount");

    // The same limit as the service and the ledger column, said while typing.
    private string? ReasonError => _errors.For("reason")
        ?? (_reason?.Trim().Length > LedgerEntry.MaxDescriptionLength ? LedgerErrors.ReasonTooLong.Message : null);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusError)
        {
            _focusError = false;
            await Focus.FocusFirstErrorAsync(_content);
        }
    }

    private void OnAmountChanged(decimal? amount)
    {
        _amount = amount;
        _errors = _errors with { ByField = Without(_errors, "amount") };
    }

    private void OnReasonChanged(string? reason)
    {
        _reason = reason;
        _errors = _errors with { ByField = Without(_errors, "reason") };
    }

    private Task SaveAsync() => BookAsync(confirmed: false);

    private Task ConfirmAsync() => BookAsync(confirmed: true);

    private void BackToForm() => _confirmation = null;

    private async Task BookAsync(bool confirmed)
    {
        if (_saving)
        {
            return;
        }

        _saving = true;
        _errors = FieldErrors.None;
        try
        {
            var result = await Ledger.AdjustAsync(
                new AdjustBalance(MerchantId, _direction, _amount ?? 0, _reason ?? "", _idempotencyKey, confirmed),
                await CurrentUser.GetActorAsync());
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value));
                return;
            }

            Show(result.Error!);
        }
        finally
        {
            _saving = false;
        }
    }

    private void Show(Error error)
    {
        if (error.Code == LedgerErrors.ConfirmationRequiredCode)
        {
            _confirmation = error.Message;
            return;
        }

        // Anything wrong (say, the balance fell meanwhile) goes back to the form, at its field.
        _confirmation = null;
        _errors = FieldErrors.Of(error, FormFields);
        _focusError = true;
    }

    private static Dictionary<string, string> Without(FieldErrors errors, string field) =>
        errors.ByField.Where(e => e.Key != field).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
