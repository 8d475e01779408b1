using Deque.AxeCore.Commons;
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

    // The browser reports a blocked script, style, font or connection both as a console error and as an event.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
        """;

    [Fact]
    public Task The_api_reference_lists_the_operations_without_a_content_security_policy_violation() =>
        InBrowserAsync(async page =>
        {
            var console = new List<string>();
            page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
            await page.AddInitScriptAsync(RecordViolations);

            await page.GotoAsync(ReferencePath);

            await Expect(page.GetByText("Merchant Portal API").First).ToBeVisibleAsync();
            await Expect(page.GetByText("Place an order").First).ToBeVisibleAsync();
            await Expect(page.GetByText("List catalog items").First).ToBeVisibleAsync();
            await Expect(page.GetByText("/api/v1/orders").First).ToBeVisibleAsync();
            await DocumentAsync(page, "api-reference.png");

            var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
            Assert.Empty(violations);
            Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || m.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase));
        });

    [Fact]
    public Task The_api_reference_has_no_serious_or_critical_accessibility_violations() =>
        InBrowserAsync(async page =>
        {
            await page.GotoAsync(ReferencePath);
            await Expect(page.GetByText("Place an order").First).ToBeVisibleAsync();

            var results = await page.RunAxe();

            var serious = results.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {v.Nodes.Length} node(s), e.g. {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")
                .ToList();
            Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
        });
}
