using System.Collections.Concurrent;
using MerchantPortal.StripeSandbox.State;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>
/// Applies the later status change of refunds made with the asynchronous refund test cards when it falls
/// due, each as a change of its own, so its events reach webhook endpoints like any other. At start it
/// schedules again the settlements a previous run recorded but did not apply (at once when overdue).
/// Disposing stops the waiting timers; what they did not apply stays recorded for the next start.
/// </summary>
internal sealed class RefundSettlement : IAsyncDisposable
{
    // Task.Delay takes at most about 49 days; a longer wait (the clock was set back) is waited out in steps.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly SandboxStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<RefundSettlement> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _timers = new();
    private readonly Task _reader;

    public RefundSettlement(SandboxStore store, TimeProvider clock, ILogger<RefundSettlement> logger)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
        _reader = Task.Run(ReadAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _reader;
        await Task.WhenAll(_timers.Keys);
        _stopping.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            foreach (var recorded in _store.Read(context => Refunds.Unsettled(context.Data)))
            {
                Start(recorded);
            }

            await foreach (var scheduled in _store.Settlements.ReadAllAsync(_stopping.Token))
            {
                Start(scheduled);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: settlements not yet due stay recorded on their refunds.
        }
    }

    private void Start(PendingSettlement settlement)
    {
        var task = SettleAsync(settlement);
        _timers[task] = true;
        _ = task.ContinueWith(t => _timers.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task SettleAsync(PendingSettlement settlement)
    {
        await Task.Yield();
        try
        {
            for (var wait = settlement.At - _clock.GetUtcNow(); wait > TimeSpan.Zero; wait = settlement.At - _clock.GetUtcNow())
            {
                await Task.Delay(wait < LongestWait ? wait : LongestWait, _clock, _stopping.Token);
            }

            if (!_stopping.IsCancellationRequested)
            {
                _store.Write(ChangeOrigin.None, change => Refunds.Settle(change, settlement.RefundId));
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down before it was due.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Settling refund {RefundId} failed unexpectedly.", settlement.RefundId);
        }
    }
}
