using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace MerchantPortal.Web.Features.Catalog;

/// <summary>Adds codes to a key item from pasted text or a CSV file, and reports what was added and skipped.</summary>
public sealed partial class UploadCodesDialog
{
    public const int MaxFileMegabytes = 10;
    private const long MaxFileBytes = MaxFileMegabytes * 1024L * 1024L;

    private readonly string _fileInputId = $"codes-file-{Guid.NewGuid():N}";
    private string? _pasted;
    private ChosenFile? _file;
    private CodeUploadSummary? _summary;
    private string? _pasteError;
    private string? _generalError;
    private bool _reading;
    private bool _uploading;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public long ItemId { get; set; }

    [Parameter, EditorRequired]
    public string ItemName { get; set; } = "";

    [Inject]
    private KeyInventoryService Inventory { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    internal static string Plural(int count, string one, string many) =>
        $"{count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";

    private async Task OnFileChosenAsync(InputFileChangeEventArgs args)
    {
        ClearErrors();
        var file = args.File;
        if (file.Size > MaxFileBytes)
        {
            _generalError = $"{file.Name} is larger than {MaxFileMegabytes} MB. Split it into smaller files and upload them one by one.";
            return;
        }

        _reading = true;
        try
        {
            await using var stream = file.OpenReadStream(MaxFileBytes);
            using var reader = new StreamReader(stream);
            var codes = KeyCodeText.Parse(await reader.ReadToEndAsync());
            if (codes.Count == 0)
            {
                _generalError = $"{file.Name} holds no codes. Put one code per line, or the codes in the first column.";
                return;
            }

            _file = new ChosenFile(file.Name, codes);
        }
        catch (IOException)
        {
            _generalError = $"{file.Name} could not be read. Choose it again.";
        }
        finally
        {
            _reading = false;
        }
    }

    private async Task UploadAsync()
    {
        if (_uploading)
        {
            return;
        }

        ClearErrors();
        var codes = _file?.Codes ?? KeyCodeText.Parse(_pasted ?? "");
        _uploading = true;
        try
        {
            var result = await Inventory.AddCodesAsync(ItemId, codes, await CurrentUser.GetActorAsync());
            if (result.Succeeded)
            {
                _summary = result.Value;
            }
            else
            {
                ShowError(result.Error!);
            }
        }
        finally
        {
            _uploading = false;
        }
    }

    private void ShowError(Error error)
    {
        if (error.Field == "codes" && _file is null)
        {
            _pasteError = error.Message;
        }
        else
        {
            _generalError = error.Message;
        }
    }

    private void ClearErrors()
    {
        _pasteError = null;
        _generalError = null;
    }

    private void RemoveFile()
    {
        _file = null;
        ClearErrors();
    }

    private void StartOver()
    {
        _summary = null;
        _file = null;
        _pasted = null;
        ClearErrors();
    }

    private void Done() => Dialog.Close(DialogResult.Ok(true));

    private void Cancel() => Dialog.Cancel();

    private sealed record ChosenFile(string Name, IReadOnlyList<string> Codes);
}
