using Microsoft.Extensions.Hosting;

namespace MerchantPortal.StripeSandbox;

/// <summary>
/// The sandbox runs inside another process (the portal, a test): it must not take over Ctrl+C or print
/// console lifetime messages; its owner starts and stops it.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
