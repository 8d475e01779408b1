using MerchantPortal.Data;
using MerchantPortal.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MerchantPortal.Testing;

/// <summary>
/// The shared service layer (<c>AddCore</c>) on its own migrated SQLite file, without the web host:
/// for service tests against a real database.
/// </summary>
public sealed class CoreTestHost : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly IHost _host;

    private CoreTestHost(Action<IServiceCollection>? configureServices, IDictionary<string, string?>? settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = _directory.Path,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={DatabasePath}",
        });
        // Background work runs only when a test drives it (DrainJobsAsync), never on its own; webhooks may go to
        // receivers on 127.0.0.1, as in development.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:RunWorker"] = "false",
            ["Webhooks:AllowPrivateAddresses"] = "true",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddCore();
        builder.Services.TryAddSingleton<IOrderSnapshotter, TestOrderSnapshotter>();
        builder.Services.AddSingleton<FailingCommits>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<FailingCommits>());
        configureServices?.Invoke(builder.Services);
        _host = builder.Build();
    }

    public string DatabasePath => _directory.File("portal.db");

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public TestCatalog Catalog => new(_host.Services);

    /// <summary>
    /// Runs background jobs with one worker, one after another, until none is due. Jobs of types without a
    /// handler here (such as <c>dispatch_event</c> before webhooks are wired) are left pending, as in the app.
    /// </summary>
    public async Task DrainJobsAsync(string workerId = "test-worker")
    {
        var runner = Get<MerchantPortal.Jobs.JobRunner>();
        while (await runner.RunDueJobsAsync(workerId, CancellationToken.None) > 0)
        {
        }
    }

    public static async Task<CoreTestHost> StartAsync(
        Action<IServiceCollection>? configureServices = null, IDictionary<string, string?>? settings = null)
    {
        var host = new CoreTestHost(configureServices, settings);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
