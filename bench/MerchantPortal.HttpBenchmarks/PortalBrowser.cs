using System.Diagnostics;
using Microsoft.Playwright;
using static MerchantPortal.HttpBenchmarks.Format;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// The portal in headless Debian Chromium through Playwright: signs in on the sign-in page as a person does, times
/// opening the Orders page (navigation to the first grid rows shown, and to the page being live), then opens the Orders
/// page in many browser contexts at once — each its own signed-in session and Blazor circuit, from the first sign-in's
/// storage state — and reads the app's resident set before and after to give the server memory per open circuit.
/// </summary>
internal static class PortalBrowser
{
    private const int Runs = 5;
    private const int Batch = 10;
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task<List<(string Figure, string Value)>> RunAsync(ServerProcess server, Seeded seeded, int contexts)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        var options = new BrowserNewContextOptions { BaseURL = server.RootUri.ToString(), TimezoneId = "UTC" };
        await using var first = await browser.NewContextAsync(options);
        var signIn = await first.NewPageAsync();
        await signIn.GotoAsync("Account/Login");
        await signIn.GetByLabel("Email").FillAsync(seeded.UserEmail);
        await signIn.GetByLabel("Password", new() { Exact = true }).FillAsync(seeded.UserPassword);
        await signIn.GetByTestId("sign-in").ClickAsync();
        await Interactive(signIn).WaitForAsync(new() { Timeout = 120_000 });
        await signIn.CloseAsync();
        var state = await first.StorageStateAsync();

        // One navigation first, not counted, so the figures are of a warm app rather than of its first compile.
        await OpenOrdersAsync(first);
        var rowsShown = new List<double>();
        var live = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var (rows, interactive) = await OpenOrdersAsync(first);
            rowsShown.Add(rows.TotalMilliseconds);
            live.Add(interactive.TotalMilliseconds);
        }

        Console.WriteLine($"Orders page in the browser, {Runs} runs: navigation → first grid rows shown {string.Join(", ", rowsShown.Select(Ms))} " +
                          $"(median {Ms(Median(rowsShown))}); → page live {string.Join(", ", live.Select(Ms))} (median {Ms(Median(live))})");
        var result = new List<(string, string)>
        {
            ($"Orders page in a browser: navigation → first grid rows shown, median of {Runs}", Ms(Median(rowsShown))),
            ($"Orders page in a browser: navigation → page live (circuit connected), median of {Runs}", Ms(Median(live))),
        };

        await Task.Delay(Settle);
        var before = server.ResidentBytes();
        var open = new List<IBrowserContext>(contexts);
        try
        {
            var watch = Stopwatch.StartNew();
            for (var start = 0; start < contexts; start += Batch)
            {
                var batch = await Task.WhenAll(Enumerable.Range(start, Math.Min(Batch, contexts - start)).Select(async _ =>
                {
                    var context = await browser.NewContextAsync(new BrowserNewContextOptions(options) { StorageState = state });
                    await OpenOrdersAsync(context, closePage: false);
                    return context;
                }));
                open.AddRange(batch);
            }

            var opening = watch.Elapsed;
            await Task.Delay(Settle);
            var live100 = 0;
            foreach (var context in open)
            {
                live100 += await Interactive(context.Pages[0]).CountAsync() > 0 ? 1 : 0;
            }

            var after = server.ResidentBytes();
            var perCircuit = (after - before) / (double?)contexts;
            Console.WriteLine($"{contexts} browser contexts on the Orders page, {live100} live, opened in {Seconds(opening)} (batches of {Batch}): " +
                              $"app RSS {Megabytes(before)} before, {Megabytes(after)} after, {(perCircuit is { } p ? Kilobytes(p) : "n/a")} per circuit");
            result.Add(($"app memory per open Orders circuit: (VmRSS after − before) / {contexts} contexts ({live100} live)",
                perCircuit is { } per ? $"{Kilobytes(per)} ({Megabytes(before)} → {Megabytes(after)})" : "n/a"));
        }
        finally
        {
            foreach (var context in open)
            {
                await context.DisposeAsync();
            }
        }

        return result;
    }

    /// <summary>Opens the Orders page in a new tab: the time to its first grid row shown, and to the page being live.</summary>
    private static async Task<(TimeSpan Rows, TimeSpan Interactive)> OpenOrdersAsync(IBrowserContext context, bool closePage = true)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("orders", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByTestId("orders-grid").GetByTestId("order-link").First.WaitForAsync();
        var rows = watch.Elapsed;
        await Interactive(page).WaitForAsync();
        var interactive = watch.Elapsed;
        if (closePage)
        {
            await page.CloseAsync();
        }

        return (rows, interactive);
    }

    private static ILocator Interactive(IPage page) => page.Locator("main[data-interactive='true']");

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
