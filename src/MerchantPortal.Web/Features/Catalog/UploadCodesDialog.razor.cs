using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace MerchantPortal.Web.Features.Catalog;

/// <summary>
/// Adds codes to a key item from pasted text or a CSV file, and reports what was added and skipped. The service
/// checks every code: when any is invalid nothing is added and the dialog lists the problems by line.
/// </summary>
public sealed partial class UploadCodesDialog
{
    private readonly string _fileInputId = $"codes-file-{Guid.NewGuid():N}";
    private string? _pasted;
    private ChosenFile? _file;
    private CodeUploadSummary? _summary;
    private Error? _problems;
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
        if (file.Size > KeyCodeText.MaxUploadBytes)
        {
            _generalError = $"{file.Name}: {CatalogErrors.CodesTooLarge.Message}";
            return;
        }

        _reading = true;
        try
        {
            await using var stream = file.OpenReadStream(KeyCodeText.MaxUploadBytes);
            using var content = new MemoryStream();
            await stream.CopyToAsync(content);
            var bytes = content.ToArray();

            // The service decides; reading the file here only tells at once that it is not text, or how many codes it holds.
            var text = KeyCodeText.Decode(bytes);
            if (!text.Succeeded)
            {
                _generalError = $"{file.Name}: {text.Error!.Message}";
                return;
            }

            var lines = KeyCodeText.Parse(text.Value).Count;
            if (lines == 0)
            {
                _generalError = $"{file.Name} holds no codes. Put one code per line, or the codes in the first column.";
                return;
            }

            _file = new ChosenFile(file.Name, bytes, lines);
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
        _uploading = true;
        try
        {
            var actor = await CurrentUser.GetActorAsync();
            var result = _file is { } file
                ? await Inventory.AddCodesFromFileAsync(ItemId, new MemoryStream(file.Content, writable: false), actor)
                : await Inventory.AddCodesFromTextAsync(ItemId, _pasted ?? "", actor);
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
        if (error.Errors.Count > 0)
        {
            _problems = error;
        }
        else if (error.Field == "codes" && _file is null)
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
        _problems = null;
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

    private sealed record ChosenFile(string Name, byte[] Content, int Codes);
}
