using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// The frame on a desktop screen: the navigation drawer runs from the app bar to the bottom of the window on short and
/// long pages, the dashboard's period field shows its whole range, and closing a tab is not logged as a failure.
/// </summary>
public sealed class LayoutJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    private const int ScreenHeight = 900;

    [Theory]
    [InlineData("")]
    [InlineData("orders")]
    [InlineData("catalog")]
    [InlineData("balance")]
    public Task The_navigation_drawer_fills_the_window_height(string path) =>
        InBrowserAsync(async page =>
        {
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            var shell = await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            await page.GotoAsync(path);
            await shell.WaitUntilInteractiveAsync();

            await AssertDrawerFillsTheWindowAsync(page, shell, path);
            // Scrolled to the end of a long page, the drawer still reaches the bottom of the window.
            await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            await AssertDrawerFillsTheWindowAsync(page, shell, $"{path}, scrolled down");
        });

    [Fact]
    public Task The_dashboard_period_shows_its_whole_date_range() =>
        InBrowserAsync(async page =>
        {
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            // The range picker has an input per date, side by side in one field.
            var start = page.GetByTestId("dashboard-period").First;
            await start.WaitForAsync();

            var dates = await start.EvaluateAsync<DateInput[]>(
                "el => [...el.closest('.mud-input').querySelectorAll('input')].map(i => ({ value: i.value, scrollWidth: i.scrollWidth, clientWidth: i.clientWidth }))");
            Assert.Equal(2, dates.Length);
            Assert.All(dates, date =>
            {
                Assert.Matches(@"^\d{2}/\d{2}/\d{4}$", date.Value);
                Assert.True(date.ScrollWidth <= date.ClientWidth, $"The date {date.Value} needs {date.ScrollWidth} px; its input shows {date.ClientWidth} px.");
            });
        });

    [Fact]
    public Task Closing_the_tab_of_a_live_page_logs_no_failure() =>
        InBrowserAsync(async page =>
        {
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            var shell = await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            // The theme toggle loads a script module the layout releases when the circuit ends.
            var label = await shell.ThemeToggle.GetAttributeAsync("aria-label");
            await shell.ThemeToggle.ClickAsync();
            await Expect(shell.ThemeToggle).Not.ToHaveAttributeAsync("aria-label", label!);
            var before = Fixture.App.Logs.Entries.Count;

            await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });

            var disposed = await CircuitDisposalAfterAsync(before);
            var failures = Fixture.App.Logs.Entries.Skip(before)
                .Where(e => e.Level >= LogLevel.Warning && (e.Exception is Microsoft.JSInterop.JSDisconnectedException
                    || e.Category.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal)))
                .ToList();
            Assert.Empty(failures);
            Assert.NotEqual("DisposeFailed", disposed.EventId.Name);
        });

    private static async Task AssertDrawerFillsTheWindowAsync(IPage page, ShellPage shell, string where)
    {
        var box = await shell.Drawer.BoundingBoxAsync();
        Assert.NotNull(box);
        var appBar = await page.Locator(".mp-appbar").BoundingBoxAsync();
        Assert.True(Math.Abs(box.Y + box.Height - ScreenHeight) <= 1, $"{where}: the drawer ends at {box.Y + box.Height} px of {ScreenHeight}.");
        Assert.True(box.Height >= ScreenHeight - appBar!.Height - 1, $"{where}: the drawer is {box.Height} px high under a {appBar.Height} px app bar.");
    }

    /// <summary>What the browser says of one date input (Playwright fills it by property name).</summary>
    private sealed class DateInput
    {
        public string Value { get; set; } = "";

        public int ScrollWidth { get; set; }

        public int ClientWidth { get; set; }
    }

    /// <summary>The circuit host's log of a circuit disposed after the entry at <paramref name="index"/> (its Debug lines are captured in these tests).</summary>
    private async Task<LogEntry> CircuitDisposalAfterAsync(int index)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var disposal = Fixture.App.Logs.Entries.Skip(index).FirstOrDefault(e => e.Category.EndsWith(".CircuitHost", StringComparison.Ordinal)
                && e.EventId.Name is { } name && name.StartsWith("Dispose", StringComparison.Ordinal) && name != "DisposeStarted");
            if (disposal is not null)
            {
                return disposal;
            }

            Assert.True(DateTime.UtcNow < deadline, "The circuit was not disposed within 20 seconds of closing its tab.");
            await Task.Delay(100);
        }
    }
}
