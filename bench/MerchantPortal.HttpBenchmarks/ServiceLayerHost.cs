using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// The product's service layer (<c>AddCore</c>, the app's own registration) on a SQLite file, in a host that is built
/// but never started: no job worker or background task runs in this process, only the calls the harness makes.
/// </summary>
internal static class ServiceLayerHost
{
    public static IHost Build(string databasePath)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Benchmark",
            ContentRootPath = Path.GetDirectoryName(databasePath),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={databasePath}",
            ["Jobs:RunWorker"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The host stores Data Protection keys unencrypted in the throwaway database, and says so; the app does the same.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.AddCore();
        return builder.Build();
    }
}
