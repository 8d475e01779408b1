using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>Debian's Chromium (or <c>CHROMIUM_PATH</c>), headless, without the background work a test does not need.</summary>
public static class HeadlessChromium
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = Args,
        });
}
