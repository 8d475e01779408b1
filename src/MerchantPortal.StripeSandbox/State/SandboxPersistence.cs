using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.StripeSandbox.State;

/// <summary>
/// Keeps the sandbox's objects in a JSON file: loaded at start, rewritten in the background after changes
/// (to a temporary file then moved over the old one, so a crash never leaves half a file), and once more
/// at shutdown.
/// </summary>
internal sealed class SandboxPersistence(string path, SandboxStore store, ILogger<SandboxPersistence> logger)
{
    public static SandboxData Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new SandboxData();
        }

        try
        {
            return JsonSerializer.Deserialize<SandboxData>(File.ReadAllText(path), SandboxStore.FileFormat) ?? new SandboxData();
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The Stripe sandbox data file '{path}' is not valid: {ex.Message} Delete it to start empty.", ex);
        }
    }

    /// <summary>Saves after each change signal until the store completes, then saves a last time.</summary>
    public async Task RunAsync()
    {
        await foreach (var _ in store.Changed.ReadAllAsync())
        {
            Save();
        }

        Save();
    }

    private void Save()
    {
        try
        {
            var json = store.Serialize();
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, json);
            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException ex)
        {
            logger.LogError(ex, "The Stripe sandbox could not save its data to {Path}.", path);
        }
        catch (UnauthorizedAccessException ex)
        {
            logger.LogError(ex, "The Stripe sandbox may not write its data to {Path}.", path);
        }
    }
}
