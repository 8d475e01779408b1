using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Common;

namespace MerchantPortal.Web.Operations;

/// <summary>
/// <c>import-codes</c>: the catalog page's code upload, from the command line — the same file checks (UTF-8 text,
/// size cap, no control characters), the same per-row report, and duplicates counted and skipped.
/// </summary>
internal static class ImportCodesCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CommandOptions options, string usage)
    {
        if (!long.TryParse(options.Get("item"), NumberStyles.None, CultureInfo.InvariantCulture, out var itemId) || options.Get("file") is not { } path)
        {
            return PortalCommands.Fail(2, "import-codes needs --item (the catalog item's id) and --file.\n\n" + usage);
        }

        if (!File.Exists(path))
        {
            return PortalCommands.Reject(new Error("FILE_NOT_FOUND", $"There is no file at {path}.", "file"));
        }

        Result<CodeUploadSummary> result;
        try
        {
            await using var file = File.OpenRead(path);
            result = await services.GetRequiredService<KeyInventoryService>().AddCodesFromFileAsync(itemId, file, Actor.System);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return PortalCommands.Reject(new Error("FILE_UNREADABLE", $"{path} could not be read: {ex.Message}", "file"));
        }

        if (!result.Succeeded)
        {
            return PortalCommands.Reject(result.Error!);
        }

        var summary = result.Value;
        Console.WriteLine($"Read {summary.Received} codes: added {summary.Added}; skipped {summary.DuplicatesInUpload} repeated in the file "
            + $"and {summary.AlreadyInInventory} already in the inventory.");
        return 0;
    }
}
