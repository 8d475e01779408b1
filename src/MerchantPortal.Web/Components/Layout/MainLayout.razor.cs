using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace MerchantPortal.Web.Components.Layout;

public sealed partial class MainLayout : IAsyncDisposable
{
    private MudThemeProvider _themeProvider = default!;
    private IJSObjectReference? _themeModule;
    private bool _drawerOpen = true;
    private bool _isDark;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    /// <summary>The remembered choice (<see cref="ThemePreference"/>), or null to follow the operating system.</summary>
    [CascadingParameter(Name = "Theme")]
    private string? Theme { get; set; }

    private string ThemeToggleLabel => _isDark ? "Switch to light theme" : "Switch to dark theme";

    protected override void OnInitialized() => _isDark = Theme == ThemePreference.Dark;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        await TimeZone.GetAsync();

        if (Theme is null)
        {
            _isDark = await _themeProvider.GetSystemDarkModeAsync();
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleThemeAsync()
    {
        // Remember first, then switch: once the new theme shows, the choice is stored.
        var dark = !_isDark;
        _themeModule ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/theme.js");
        await _themeModule.InvokeVoidAsync("rememberTheme", dark ? ThemePreference.Dark : ThemePreference.Light);
        _isDark = dark;
    }

    public async ValueTask DisposeAsync()
    {
        if (_themeModule is not null)
        {
            try
            {
                await _themeModule.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; there is nothing left to release in the browser.
            }
        }
    }
}
