using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.StripeSandbox.State;

/// <summary>
/// Keeps the sandbox's objects in a JSON file: loaded at start, rewritten before the sandbox answers a request
/// that changed something (so what a client was told survives a crash), in the background after other changes
/// (webhook attempts, settlements), and once more at shutdown — each time to a temporary file then moved over the
/// old one, so a crash never leaves half a file.
/// </summary>
internal sealed class SandboxPersistence(string path, SandboxStore store, ILogger<SandboxPersistence> logger)
{
    private readonly Lock _saving = new();
    private long _savedVersion;

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

    /// <summary>Writes the file unless it already holds every change.</summary>
    public void Save()
    {
        lock (_saving)
        {
            var (json, version) = store.Serialize();
            if (version != _savedVersion && Write(json))
            {
                _savedVersion = version;
            }
        }
    }

    private bool Write(string json)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, json);
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (IOException ex)
        {
            logger.LogError(ex, "The Stripe sandbox could not save its data to {Path}.", path);
        }
        catch (UnauthorizedAccessException ex)
        {
            logger.LogError(ex, "The Stripe sandbox may not write its data to {Path}.", path);
        }

        return false;
    }
}
