using MerchantPortal.Events;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Orders.Api;
using MerchantPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Benchmarks;

/// <summary>The shared service layer (<c>AddCore</c>) on a fresh, migrated SQLite file in a temporary folder.</summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("merchant-portal-bench-").FullName;
    private readonly IHost _host;
    private readonly bool _keepDatabase;

    private BenchmarkHost(bool keepDatabase)
    {
        _keepDatabase = keepDatabase;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Benchmark",
            ContentRootPath = _directory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={DatabasePath}",
            // The benchmark drives the job runner itself, so that fulfilment can be timed on its own.
            ["Jobs:RunWorker"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCore();
        // Placed orders raise integration events, whose payload is the API's order object, as in the app.
        builder.Services.AddApiJson();
        builder.Services.AddSingleton<IOrderSnapshotter, OrderSnapshotter>();
        _host = builder.Build();
    }

    public string DatabasePath => Path.Combine(_directory, "portal.db");

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <param name="keepDatabase">Leave the database file behind (its path is printed) to inspect query plans afterwards.</param>
    public static async Task<BenchmarkHost> StartAsync(bool keepDatabase)
    {
        var host = new BenchmarkHost(keepDatabase);
        await using var scope = host._host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await Task.Yield();
        SqliteConnection.ClearAllPools();
        if (_keepDatabase)
        {
            Console.WriteLine($"Database kept at {DatabasePath}");
            return;
        }

        Directory.Delete(_directory, recursive: true);
    }
}
