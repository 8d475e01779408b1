using Microsoft.JSInterop;

namespace MerchantPortal.Web.Components.Shared;

/// <summary>
/// The time zone of the browser at the other end of the circuit, so pages show times as the person's
/// local time and read the dates they pick as their local days. Falls back to UTC when the browser does
/// not say or names a zone this server does not know.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private TimeZoneInfo? _zone;

    /// <summary>The browser's zone. Call it once the component is interactive (after the first render).</summary>
    public async ValueTask<TimeZoneInfo> GetAsync()
    {
        if (_zone is null)
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/time-zone.js");
            var id = await _module.InvokeAsync<string?>("timeZone");
            _zone = id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
        }

        return _zone;
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
