using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MerchantPortal.Web.Components.Shared;

/// <summary>
/// After a form is submitted with errors, moves the focus to the first field in error (wwwroot/js/form-focus.js),
/// so a keyboard or screen-reader user lands on what to fix. Call it from <c>OnAfterRenderAsync</c>, once the
/// errors are on the page; one per circuit.
/// </summary>
public sealed class FormFocus(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>Focuses the first field in error inside <paramref name="within"/> (a dialog's content), or on the whole page.</summary>
    public async Task FocusFirstErrorAsync(ElementReference? within = null)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/form-focus.js");
            if (within is { } root)
            {
                await _module.InvokeVoidAsync("focusFirstInvalid", root);
            }
            else
            {
                await _module.InvokeVoidAsync("focusFirstInvalid");
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; there is no page left to focus.
        }
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
