using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>
/// One journey in a fresh browser context on a running portal, and on failure a screenshot and a Playwright trace
/// under <c>TestResults/e2e</c> (open the trace with <c>playwright show-trace</c>).
/// </summary>
public static class BrowserSession
{
    private static readonly string ArtifactsDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "e2e");

    public static async Task RunAsync(IBrowser browser, Uri root, Func<IPage, Task> journey, string name)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = root.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
            await context.Tracing.StopAsync();
        }
        catch
        {
            Directory.CreateDirectory(ArtifactsDirectory);
            // A journey may close its page (closing a tab); then the trace is all there is.
            if (!page.IsClosed)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, $"{name}.png"), FullPage = true });
            }

            await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(ArtifactsDirectory, $"{name}.trace.zip") });
            throw;
        }
    }
}
