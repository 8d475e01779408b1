using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Features.Refunds;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>What the viewer can do to the order: refund it, retry a failed refund or fulfilment, cancel it, clear its flag, check its card payment.</summary>
public sealed partial class OrderPage
{
    private async Task RefundAsync()
    {
        if (_details is not { } details || _busy)
        {
            return;
        }

        if (await Dialogs.ShowRefundDialogAsync(details.Order.Id) is { } requested)
        {
            Snackbar.AddRefundOutcome(requested.Refund);
            await ReloadAsync();
        }
    }

    /// <summary>Opens the refund dialog for a <c>?refund=open</c> link, once, and takes the request out of the address.</summary>
    private async Task OpenRefundFromLinkAsync()
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("refund", (string?)null), replace: true);
        if (!_can.Refund || _details is not { } details)
        {
            return;
        }

        if (RefundFormat.WhyNotRefundable(details.Order) is { } whyNot)
        {
            Snackbar.Add($"Nothing to refund on {details.Order.Reference}: {whyNot}", Severity.Info);
            return;
        }

        await RefundAsync();
    }

    private async Task RetryRefundAsync(Refund failed)
    {
        if (_details is not { } details || _busy)
        {
            return;
        }

        if (await Dialogs.ShowRetryRefundDialogAsync(failed, details.Order) is { } requested)
        {
            Snackbar.AddRefundOutcome(requested.Refund);
            await ReloadAsync();
        }
    }

    private async Task RetryFulfilmentAsync()
    {
        if (_details is not { } details || _busy)
        {
            return;
        }

        var order = details.Order;
        var units = order.Lines.Sum(l => l.RemainingUnits);
        if (!await Dialogs.ConfirmAsync($"Retry fulfilment of {order.Reference}?",
                $"The {units} unit(s) neither delivered nor refunded go back to fulfilment. Delivered and refunded units are not touched.",
                "Retry fulfilment"))
        {
            return;
        }

        await RunAsync(async () =>
        {
            var result = await FulfilmentRetries.RetryAsync(order.Id, _actor, _stop.Token);
            if (result.Succeeded)
            {
                _details = result.Value;
                Snackbar.Add($"Fulfilment of {order.Reference} retried: {units} unit(s) sent again", Severity.Success);
                StartPollingIfInProgress();
            }
            else
            {
                Snackbar.Add(result.Error!.Message, Severity.Error);
                await ReloadAsync();
            }
        });
    }

    private async Task CancelAsync()
    {
        if (_details is not { } details || _busy)
        {
            return;
        }

        var dialog = await Dialogs.ShowAsync<CancelOrderDialog>($"Cancel {details.Order.Reference}?",
            new DialogParameters<CancelOrderDialog> { { d => d.Reference, details.Order.Reference } },
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: CancelOrderDialog.Confirmation confirmation })
        {
            return;
        }

        await RunAsync(async () =>
        {
            var result = await Cancellation.CancelAsync(details.Order.Id, confirmation.Reason, _actor, _stop.Token);
            if (result.Succeeded)
            {
                _details = result.Value;
                Snackbar.Add($"Order {details.Order.Reference} cancelled", Severity.Success);
            }
            else
            {
                Snackbar.Add(result.Error!.Message, Severity.Error);
                await ReloadAsync();
            }
        });
    }

    private Task ClearFlagAsync() => RunAsync(async () =>
    {
        var result = await SupportQueue.ClearFlagAsync(Id, _actor, _stop.Token);
        Snackbar.Add(result.Succeeded ? "Marked as dealt with" : result.Error!.Message, result.Succeeded ? Severity.Success : Severity.Error);
        await ReloadAsync();
    });

    private Task CheckPaymentAsync() => RunAsync(async () =>
    {
        var result = await CardCharges.RefreshAsync(Id, _actor, _stop.Token);
        if (!result.Succeeded)
        {
            Snackbar.Add(result.Error!.Message, Severity.Error);
            return;
        }

        _details = result.Value;
        var order = result.Value.Order;
        Snackbar.Add(order is { PaymentStatus: PaymentStatus.Unpaid, PaymentReference: null }
            ? "Stripe has not confirmed the payment yet. The page keeps watching the order."
            : $"Payment {StatusDisplay.Of(order.PaymentStatus).Label.ToLowerInvariant()}", Severity.Info);
        StartPollingIfInProgress();
    });

    /// <summary>Runs one action on the order at a time; the action buttons wait meanwhile.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        try
        {
            await action();
        }
        finally
        {
            _busy = false;
        }
    }
}
