using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MerchantPortal.E2ETests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>
/// What the accessibility sweeps share: the theme switch, opening a page until it has rendered, and axe-core's serious
/// and critical findings as one line per element, written next to the failure artifacts.
/// </summary>
public static class AxeSweep
{
    public static readonly string[] Themes = ["light", "dark"];

    /// <summary>Sets the remembered-theme cookie, so the next page is rendered in that theme from the server.</summary>
    public static async Task SetThemeAsync(IPage page, Uri root, string theme) =>
        await page.Context.AddCookiesAsync([new Cookie { Name = "mp-theme", Value = theme, Domain = root.Host, Path = "/" }]);

    /// <summary>Opens a page and waits until it has rendered its content (interactive pages: their circuit and data).</summary>
    public static async Task OpenAsync(IPage page, string path, string theme)
    {
        await page.GotoAsync(path.TrimStart('/'));
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        if (await page.Locator("main[data-interactive]").CountAsync() > 0)
        {
            await new ShellPage(page).WaitUntilInteractiveAsync();
        }

        // Tables and panels load after the first render; a progress bar says they are still on their way.
        try
        {
            await page.WaitForFunctionAsync("() => !document.querySelector('.mud-table-loading, .mud-skeleton')", null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // A page that keeps a progress bar (an export under way) is checked as it is.
        }
        await ExpectThemeAsync(page, theme);
    }

    /// <summary>Waits until the page shows the theme (the body's class follows the cookie).</summary>
    public static async Task ExpectThemeAsync(IPage page, string theme) =>
        await Expect(page.Locator(theme == "dark" ? "body.mp-dark" : "body:not(.mp-dark)")).ToBeAttachedAsync();

    /// <summary>The serious and critical findings on the whole page.</summary>
    public static async Task<IEnumerable<string>> SeriousFindingsAsync(IPage page, string where) =>
        Serious(await page.RunAxe(), where);

    /// <summary>The serious and critical findings inside one element, such as an open dialog.</summary>
    public static async Task<IEnumerable<string>> SeriousFindingsAsync(ILocator element, string where) =>
        Serious(await element.RunAxe(), where);

    /// <summary>Writes the findings so far next to the failure artifacts, so a long sweep that stops early still says what it found.</summary>
    public static void Report(string name, IEnumerable<string> findings)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "e2e");
        Directory.CreateDirectory(directory);
        File.WriteAllLines(Path.Combine(directory, $"{name}.txt"), findings);
    }

    private static IEnumerable<string> Serious(AxeResult results, string where) =>
        results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .SelectMany(v => v.Nodes.Select(n => $"{where}: {v.Id} ({v.Impact}) {v.Help} — {n.Target} {Shorten(n.Html)}"));

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
