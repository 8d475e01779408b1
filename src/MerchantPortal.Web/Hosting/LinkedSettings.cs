using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace MerchantPortal.Web.Hosting;

internal static class LinkedSettings
{
    /// <summary>
    /// The environment settings file (<c>appsettings.Development.json</c>) is kept once, at the repository
    /// root, and linked into the build output. When the content root has no copy, read the linked one,
    /// at the same precedence: above appsettings.json, below user secrets, environment and command line.
    /// </summary>
    public static void AddLinkedEnvironmentSettings(this WebApplicationBuilder builder)
    {
        var fileName = $"appsettings.{builder.Environment.EnvironmentName}.json";
        var linked = Path.Combine(AppContext.BaseDirectory, fileName);
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, fileName)) || !File.Exists(linked))
        {
            return;
        }

        var sources = builder.Configuration.Sources;
        var environmentSource = sources
            .OfType<JsonConfigurationSource>()
            .FirstOrDefault(source => string.Equals(source.Path, fileName, StringComparison.OrdinalIgnoreCase));
        var index = environmentSource is null ? 0 : sources.IndexOf(environmentSource) + 1;
        sources.Insert(index, new JsonConfigurationSource
        {
            Path = fileName,
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
    }
}
