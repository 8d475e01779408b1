using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// The accessibility sweep: every page a role can open — each navigation entry, the detail pages behind them, the
/// account pages, not-found and access-denied — in the light and the dark theme, checked with axe-core. A serious or
/// critical finding fails the sweep, and so does any Content-Security-Policy violation the browser reports on the way.
/// One browser context per role signs in once; the theme is the remembered-theme cookie, switched between passes.
/// </summary>
public sealed class AccessibilityJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    private JourneyData Data => new(Fixture.App);

    [Theory]
    [InlineData(Roles.Merchant)]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Admin)]
    public Task Every_page_of_a_role_has_no_serious_or_critical_accessibility_violation_in_either_theme(string role) =>
        InBrowserAsync(async page =>
        {
            var findings = new List<string>();
            var csp = CspRecorder.Attach(page);
            await page.AddInitScriptAsync(CspRecorder.Script);

            var user = Fixture.App.DemoUser(role);
            await new LoginPage(page).SignInAsync(user.Email, user.Password);
            var paths = await RolePages.AllAsync(page, Data, role);

            foreach (var theme in AxeSweep.Themes)
            {
                await AxeSweep.SetThemeAsync(page, Fixture.RootUri, theme);
                foreach (var path in paths)
                {
                    await AxeSweep.OpenAsync(page, path, theme);
                    findings.AddRange(await AxeSweep.SeriousFindingsAsync(page, $"{path} ({theme})"));
                    findings.AddRange(await csp.TakeAsync(page, $"{path} ({theme})"));
                }

                // The user menu, open: its items are part of every page.
                await AxeSweep.OpenAsync(page, "/", theme);
                await page.GetByTestId("user-menu-button").ClickAsync();
                await Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
                findings.AddRange(await AxeSweep.SeriousFindingsAsync(page, $"/ with the user menu open ({theme})"));
                await page.Keyboard.PressAsync("Escape");
                AxeSweep.Report($"accessibility-{role}", findings);
            }

            await page.Context.ClearCookiesAsync();
            foreach (var theme in AxeSweep.Themes)
            {
                await AxeSweep.SetThemeAsync(page, Fixture.RootUri, theme);
                foreach (var path in RolePages.SignedOutPages)
                {
                    await AxeSweep.OpenAsync(page, path, theme);
                    findings.AddRange(await AxeSweep.SeriousFindingsAsync(page, $"{path} signed out ({theme})"));
                    findings.AddRange(await csp.TakeAsync(page, $"{path} signed out ({theme})"));
                }
            }

            Assert.True(findings.Count == 0, $"{findings.Count} finding(s) for {role}:{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
        });

    /// <summary>
    /// Collects what the browser says about the Content-Security-Policy: the <c>securitypolicyviolation</c> events of the
    /// page and the console's own words, so a blocked import map or inline script fails the sweep at the page that caused it.
    /// </summary>
    private sealed class CspRecorder
    {
        public const string Script = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
                window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
            """;

        private readonly List<string> _console = [];

        public static CspRecorder Attach(IPage page)
        {
            var recorder = new CspRecorder();
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    lock (recorder._console)
                    {
                        recorder._console.Add(message.Text);
                    }
                }
            };
            return recorder;
        }

        public async Task<IEnumerable<string>> TakeAsync(IPage page, string where)
        {
            var events = await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
            List<string> logged;
            lock (_console)
            {
                logged = [.. _console];
                _console.Clear();
            }

            return events.Concat(logged).Select(v => $"{where}: CSP violation: {v}");
        }
    }
}
