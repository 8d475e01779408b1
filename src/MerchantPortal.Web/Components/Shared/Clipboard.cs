using Microsoft.JSInterop;

namespace MerchantPortal.Web.Components.Shared;

/// <summary>Copies text to the user's clipboard through the browser (wwwroot/js/clipboard.js); one per circuit.</summary>
public sealed class Clipboard(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>Whether the browser allowed the copy (it needs a secure context or a permission).</summary>
    public async Task<bool> CopyAsync(string text)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/clipboard.js");
        return await _module.InvokeAsync<bool>("copyText", text);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; there is nothing left to release in the browser.
            }
        }
    }
}
