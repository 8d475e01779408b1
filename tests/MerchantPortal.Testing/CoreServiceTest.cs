using Xunit;

namespace MerchantPortal.Testing;

/// <summary>Base of service tests: each test gets the service layer on its own migrated SQLite database.</summary>
public abstract class CoreServiceTest : IAsyncLifetime
{
    protected CoreTestHost Host { get; private set; } = default!;

    public async Task InitializeAsync() => Host = await StartHostAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Override to start the host with other services or settings.</summary>
    protected virtual Task<CoreTestHost> StartHostAsync() => CoreTestHost.StartAsync();
}
