using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>The README's pictures (docs/screenshots), saved when <c>MP_SCREENSHOTS_DIR</c> is set (scripts/screenshots.sh).</summary>
public static class ReadmeScreenshots
{
    /// <summary>Saves the window, or with <c>fullPage</c> the whole page (a form taller than the window).</summary>
    public static async Task SaveAsync(IPage page, string fileName, bool fullPage = false)
    {
        if (Environment.GetEnvironmentVariable("MP_SCREENSHOTS_DIR") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            if (fullPage)
            {
                // The app bar and drawer are fixed: from the top, they are drawn once, where they belong.
                await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            }

            // Transitions (a button turning enabled, a chip changing colour) are finished first, so the picture shows the state.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, fileName), Animations = ScreenshotAnimations.Disabled, FullPage = fullPage });
        }
    }
}
