using MerchantPortal.Jobs;
using MerchantPortal.Refunds;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Payments;

/// <summary>
/// Runs <see cref="PaymentReconciliation"/> and <see cref="RefundReconciliation"/> every minute in each app
/// instance (their work is idempotent).
/// </summary>
public sealed class PaymentReconciler(
    PaymentReconciliation payments, RefundReconciliation refunds, IOptions<JobOptions> jobs, TimeProvider clock, ILogger<PaymentReconciler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(1) > jobs.Value.PollInterval ? TimeSpan.FromMinutes(1) : jobs.Value.PollInterval;
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await payments.ReconcileAsync(stoppingToken);
                await refunds.ReconcileAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Payment reconciliation failed; it runs again in a minute.");
            }
        }
    }
}
