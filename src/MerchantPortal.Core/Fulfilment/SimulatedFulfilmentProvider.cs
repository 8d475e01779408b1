using System.Collections.Concurrent;
using MerchantPortal.Catalog;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Fulfilment;

/// <summary>
/// The default provider: no outside calls, an outcome steered by the item's behaviour or, for
/// <see cref="FulfilmentBehaviour.Default"/>, by <see cref="SimulatorOptions"/>. It remembers results by
/// idempotency key, as a real provider would, so a retried line is not delivered twice.
/// </summary>
public sealed class SimulatedFulfilmentProvider(IOptionsMonitor<SimulatorOptions> options, TimeProvider clock) : IFulfilmentProvider
{
    private readonly ConcurrentDictionary<string, ProviderResult> _results = new();
    private readonly ConcurrentDictionary<string, int> _partialCounters = new();

    public async Task<ProviderResult> FulfilAsync(ProviderRequest request, CancellationToken ct)
    {
        if (_results.TryGetValue(request.IdempotencyKey, out var earlier))
        {
            return earlier;
        }

        var behaviour = request.Behaviour == FulfilmentBehaviour.Default ? options.CurrentValue.Mode : request.Behaviour;
        var result = behaviour switch
        {
            FulfilmentBehaviour.Fail => ProviderResult.Failure("The provider rejected the request (simulated failure)."),
            FulfilmentBehaviour.Partial when _partialCounters.AddOrUpdate(request.Sku, 1, (_, n) => n + 1) % 2 == 0 =>
                ProviderResult.Failure("The provider could not deliver this one (simulated intermittent failure)."),
            _ => null,
        };

        if (result is null)
        {
            if (behaviour == FulfilmentBehaviour.Delay)
            {
                await Task.Delay(options.CurrentValue.Delay, clock, ct);
            }

            result = ProviderResult.Success($"sim_{Guid.NewGuid():N}"[..20]);
        }

        return _results.GetOrAdd(request.IdempotencyKey, result);
    }
}
