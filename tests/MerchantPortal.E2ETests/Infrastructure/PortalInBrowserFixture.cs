using MerchantPortal.Testing;
using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>
/// One running portal (the real app on a loopback port, Development settings, its own SQLite file) and one headless
/// Debian Chromium; each journey opens its own browser context, so cookies never leak between journeys.
/// </summary>
public abstract class PortalInBrowserFixture : IAsyncLifetime
{
    private IPlaywright _playwright = default!;

    public PortalAppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public Uri RootUri => App.RootUri;

    public async Task InitializeAsync()
    {
        _ = App.RootUri;
        _playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}
