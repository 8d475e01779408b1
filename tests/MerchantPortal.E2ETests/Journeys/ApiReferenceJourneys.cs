using Deque.AxeCore.Playwright;
using MerchantPortal.E2ETests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// The API reference (Scalar, at /api/reference) works under the portal's Content-Security-Policy: it loads the
/// OpenAPI document, lists the operations, and the browser blocks nothing on the way.
/// </summary>
public sealed class ApiReferenceJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    private const string ReferencePath = "api/reference";

    /// <summary>
    /// Scalar 2.19's bundle includes Zod 4, which probes once whether it may compile validators (<c>try { Function("") }</c>
    /// in scalar.js) and falls back to interpreting them when the CSP says no. The browser reports the refused probe; the
    /// page works without eval, and the portal's policy rightly keeps <c>'unsafe-eval'</c> out. Any other violation fails.
    /// </summary>
    private static bool IsZodEvalProbe(string violation) =>
        violation.StartsWith("script-src blocked eval at ", StringComparison.Ordinal)
        && violation.Contains("/api/reference/scalar.js:", StringComparison.Ordinal);

    // The browser reports a blocked script, style, font or connection both as a console error and as an event.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
        """;

    [Fact]
    public Task The_api_reference_lists_the_operations_without_a_content_security_policy_violation() =>
        InBrowserAsync(async page =>
        {
            var console = new List<string>();
            page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
            await page.AddInitScriptAsync(RecordViolations);

            await page.GotoAsync(ReferencePath);

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Merchant Portal API", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "List catalog items" })).ToBeVisibleAsync();
            await OpenPlaceAnOrderAsync(page);
            await Expect(page.GetByText("/api/v1/orders").First).ToBeVisibleAsync();
            await ReadmeScreenshots.SaveAsync(page, "api-reference.png");

            var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
            var unexpected = violations.Where(v => !IsZodEvalProbe(v)).ToList();
            Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
            // The console repeats each violation in words; the eval probe's is the one that names 'unsafe-eval'.
            var logged = console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                && !m.Contains("'unsafe-eval'", StringComparison.Ordinal)).ToList();
            Assert.True(logged.Count == 0, string.Join(Environment.NewLine, logged));
        });

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public Task The_api_reference_has_no_serious_or_critical_accessibility_violations_in_either_theme(string theme) =>
        InBrowserAsync(async page =>
        {
            await page.EmulateMediaAsync(new() { ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
            await page.GotoAsync(ReferencePath);
            await Expect(page.Locator($".{theme}-mode").First).ToBeAttachedAsync();
            await OpenPlaceAnOrderAsync(page);

            var results = await page.RunAxe();

            var serious = results.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {v.Nodes.Length} node(s), e.g. {string.Join(" | ", v.Nodes.Take(3).Select(n => $"{n.Target} {n.Html}"))}")
                .ToList();
            Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
        });

    /// <summary>Opens the Orders group of the navigation and the "Place an order" operation (POST /api/v1/orders).</summary>
    private static async Task OpenPlaceAnOrderAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Open Group - Orders" }).ClickAsync();
        var operation = page.GetByRole(AriaRole.Link, new() { Name = "Place an order HTTP Method: POST" });
        await operation.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Place an order" })).ToBeVisibleAsync();
    }
}
