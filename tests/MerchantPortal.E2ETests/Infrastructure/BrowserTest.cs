using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>
/// Base of the browser journeys: a fresh browser context per journey, and on failure a screenshot and
/// a Playwright trace under <c>TestResults/e2e</c> (open the trace with <c>playwright show-trace</c>).
/// </summary>
[Collection(E2ECollection.Name)]
public abstract class BrowserTest(E2EFixture fixture)
{
    private static readonly string ArtifactsDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "e2e");

    protected E2EFixture Fixture { get; } = fixture;

    protected async Task InBrowserAsync(Func<IPage, Task> journey, [CallerMemberName] string name = "")
    {
        await using var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.RootUri.ToString(),
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

    /// <summary>Saves a screenshot for the README when <c>MP_SCREENSHOTS_DIR</c> is set (see scripts/screenshots.sh).</summary>
    protected static async Task DocumentAsync(IPage page, string fileName)
    {
        if (Environment.GetEnvironmentVariable("MP_SCREENSHOTS_DIR") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            // Transitions (a button turning enabled, a chip changing colour) are finished first, so the picture shows the state.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, fileName), Animations = ScreenshotAnimations.Disabled });
        }
    }
}
