using System.Net;
using MerchantPortal.Testing;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.IntegrationTests.Operations;

/// <summary>The request log of the real app in Development: one Debug line per request, and nothing else about the request.</summary>
public sealed class RequestLoggingTests(RequestLoggingTests.DebugRequestsApp app) : IClassFixture<RequestLoggingTests.DebugRequestsApp>
{
    private const string Category = "MerchantPortal.Web.Requests";

    /// <summary>Development, with the request log's category turned up to Debug as a newcomer would to watch requests.</summary>
    public sealed class DebugRequestsApp : PortalAppFactory
    {
        public DebugRequestsApp() => Settings[$"Logging:LogLevel:{Category}"] = "Debug";
    }

    [Fact]
    public async Task Each_request_is_one_debug_line_with_its_method_path_status_and_time()
    {
        using var client = app.CreateBrowserlikeClient();
        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(await LinesAboutAsync("/Account/Login", "→ 200"));
        Assert.Equal((Category, LogLevel.Debug), (line.Category, line.Level));
        Assert.Matches(@"^GET /Account/Login → 200 in \d+ ms$", line.Message);
    }

    [Fact]
    public async Task Nothing_else_logs_a_line_per_request_at_the_development_levels()
    {
        using var client = app.CreateBrowserlikeClient();
        var path = $"/request-log-{Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);

        var lines = await LinesAboutAsync(path, "→ 404");
        Assert.Equal([(Category, LogLevel.Debug)], lines.Select(l => (l.Category, l.Level)));
    }

    /// <summary>The entries that mention the path, once the request's own line (containing <paramref name="until"/>) is there.</summary>
    private async Task<List<LogEntry>> LinesAboutAsync(string path, string until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!app.Logs.Entries.Any(e => e.Category == Category && e.Message.Contains(path, StringComparison.Ordinal) && e.Message.Contains(until, StringComparison.Ordinal))
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return [.. app.Logs.Entries.Where(e => e.Message.Contains(path, StringComparison.Ordinal))];
    }
}
