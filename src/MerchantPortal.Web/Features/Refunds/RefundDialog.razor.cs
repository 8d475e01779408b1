using MerchantPortal.Auditing;
using MerchantPortal.Refunds;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Refunds;

/// <summary>
/// Refunds units of one order (<see cref="OrderId"/>). Every amount shown is the service's own quote, and the
/// confirmation is the sentence the refund will be recorded with (<see cref="RefundText"/>). Closes with the
/// <see cref="RequestedRefund"/>; open it with <see cref="RefundDialogs.ShowRefundDialogAsync"/>.
/// </summary>
public sealed partial class RefundDialog : IDisposable
{
    // One key for the life of the dialog: a double click, or Confirm again after an error, makes at most one refund.
    private readonly string _idempotencyKey = $"portal-refund-{Guid.NewGuid():N}";
    private readonly CancellationTokenSource _closed = new();
    private Actor _actor = default!;
    private RefundForm? _form;
    private RefundQuote? _quote;
    private string? _loadError;
    private int _quoteVersion;
    private RefundStep _step = RefundStep.Choose;
    private bool _reviewing;
    private bool _submitting;
    private bool _focusError;

    private enum RefundStep
    {
        Choose,
        Confirm,
    }

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The order to refund.</summary>
    [Parameter]
    public Guid OrderId { get; set; }

    [Inject]
    private RefundService Refunds { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private FormFocus Focus { get; set; } = default!;

    private string Title => (_form?.Order.Reference, _step) switch
    {
        (null, _) => "Refund",
        ({ } reference, RefundStep.Confirm) => $"Confirm the refund of {reference}",
        ({ } reference, _) => $"Refund {reference}",
    };

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentUser.GetActorAsync();
        var refundable = await Refunds.GetRefundableAsync(OrderId, _actor, _closed.Token);
        if (!refundable.Succeeded || refundable.Value.Refusal is { } refusal)
        {
            _loadError = (refundable.Error ?? refundable.Value.Refusal)!.Message;
            return;
        }

        _form = new RefundForm(refundable.Value);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusError)
        {
            _focusError = false;
            await Focus.FocusFirstErrorAsync();
        }
    }

    /// <summary>Asks the service what the units chosen return. A later change overtakes an answer still on its way.</summary>
    private async Task RefreshQuoteAsync()
    {
        if (_form is null)
        {
            return;
        }

        var version = ++_quoteVersion;
        var sent = _form.Selected();
        if (sent.Count == 0)
        {
            // The service quotes every unit left for an empty list; nothing chosen is nothing to quote.
            _quote = null;
            ClearQuoteErrors();
            return;
        }

        var quoted = await Refunds.QuoteAsync(OrderId, RefundForm.Requests(sent), _actor, _closed.Token);
        if (version != _quoteVersion)
        {
            return;
        }

        ClearQuoteErrors();
        if (quoted.Succeeded)
        {
            _quote = quoted.Value;
        }
        else
        {
            _quote = null;
            _form.ShowError(quoted.Error!, sent);
        }
    }

    private void ClearQuoteErrors()
    {
        _form!.GeneralError = null;
        foreach (var line in _form.Lines)
        {
            line.Error = null;
        }
    }

    private async Task SelectAllAsync()
    {
        _form!.SelectAll();
        await RefreshQuoteAsync();
    }

    private void OnDestinationChanged(RefundDestination destination)
    {
        _form!.Destination = destination;
        _form.DestinationError = null;
    }

    private void OnReasonChanged(RefundReason reason)
    {
        _form!.Reason = reason;
        _form.NoteError = null;
    }

    private void OnNoteChanged(string? note)
    {
        _form!.Note = note;
        _form.NoteError = null;
    }

    /// <summary>Quotes the units afresh and shows the confirmation, unless the service or the note rule says no.</summary>
    private async Task ReviewAsync()
    {
        if (_form is null || _reviewing)
        {
            return;
        }

        _reviewing = true;
        try
        {
            await RefreshQuoteAsync();
            if (_form.CheckNote() is { } noteMissing)
            {
                _form.ShowError(noteMissing, []);
            }

            if (_quote is not null && !_form.HasErrors)
            {
                _step = RefundStep.Confirm;
            }
            else
            {
                _focusError = true;
            }
        }
        finally
        {
            _reviewing = false;
        }
    }

    private async Task ConfirmAsync()
    {
        if (_form is null || _submitting)
        {
            return;
        }

        _submitting = true;
        try
        {
            var sent = _form.Selected();
            var request = new RequestRefund(OrderId, RefundForm.Requests(sent), _form.Destination, _form.Reason, _form.Note, _idempotencyKey);
            // Not tied to the dialog: once confirmed, the refund runs to its end even if the dialog goes away.
            var result = await Refunds.RequestAsync(request, _actor, CancellationToken.None);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value));
                return;
            }

            // Back to the fields, with the error where it belongs and the order's units as they are now.
            _form.ClearErrors();
            _form.ShowError(result.Error!, sent);
            _step = RefundStep.Choose;
            _quote = null;
            _focusError = true;
            if (await Refunds.GetRefundableAsync(OrderId, _actor, _closed.Token) is { Succeeded: true } fresh)
            {
                _form.Update(fresh.Value);
            }
        }
        finally
        {
            _submitting = false;
        }
    }

    private string ConfirmationText(RefundQuote quote) => RefundText.Describe(
        quote.Lines.OrderBy(l => l.LineNumber).Select(l => (l.Units, l.Name)), quote.AmountMinor, quote.Currency, _form!.Destination,
        _form.Order.CardBrand, _form.Order.CardLast4);

    private void Back() => _step = RefundStep.Choose;

    private void Cancel() => Dialog.Cancel();

    private static string DestinationTestId(RefundDestination destination) =>
        destination == RefundDestination.Balance ? "refund-destination-balance" : "refund-destination-card";

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }
}
