using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MudBlazor;

namespace MerchantPortal.Web.Features.Refunds;

/// <summary>Opens the refund dialogs from any page (the order page, the support queue) and tells the outcome the same way everywhere.</summary>
public static class RefundDialogs
{
    /// <summary>Shows <see cref="RefundDialog"/> for the order; returns the refund made, or null when the agent closed the dialog without one.</summary>
    public static async Task<RequestedRefund?> ShowRefundDialogAsync(this IDialogService dialogs, Guid orderId)
    {
        var dialog = await dialogs.ShowAsync<RefundDialog>("Refund",
            new DialogParameters<RefundDialog> { { d => d.OrderId, orderId } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        return await dialog.Result is { Canceled: false, Data: RequestedRefund refund } ? refund : null;
    }

    /// <summary>Shows <see cref="RetryRefundDialog"/> for a failed refund of the order; returns the new refund, or null.</summary>
    public static async Task<RequestedRefund?> ShowRetryRefundDialogAsync(this IDialogService dialogs, Refund failed, Order order)
    {
        var dialog = await dialogs.ShowAsync<RetryRefundDialog>($"Retry {failed.Reference}",
            new DialogParameters<RetryRefundDialog> { { d => d.Failed, failed }, { d => d.Order, order } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        return await dialog.Result is { Canceled: false, Data: RequestedRefund refund } ? refund : null;
    }

    /// <summary>"Refund RF-000012 of $61.20 succeeded" (or sent to Stripe, waits for approval, failed: why) as a snackbar.</summary>
    public static void AddRefundOutcome(this ISnackbar snackbar, Refund refund)
    {
        var (message, severity) = RefundFormat.Outcome(refund);
        snackbar.Add(message, severity);
    }
}
