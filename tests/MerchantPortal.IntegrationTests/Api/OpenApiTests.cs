using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace MerchantPortal.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed partial class OpenApiTests(ApiApp app)
{
    [Fact]
    public async Task The_openapi_document_validates_with_zero_errors_and_describes_every_endpoint()
    {
        using var client = app.Client(null);
        var json = await client.GetStringAsync("openapi/v1.json");

        var settings = new OpenApiReaderSettings();
        var (document, diagnostic) = OpenApiDocument.Parse(json, "json", settings);
        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.Empty(errors);

        string[] paths = ["/api/v1/items", "/api/v1/items/{id}", "/api/v1/orders", "/api/v1/orders/{id}", "/api/v1/orders/{id}/cancel",
            "/api/v1/orders/{id}/refunds", "/api/v1/balance", "/api/v1/balance/entries"];
        Assert.All(paths, p => Assert.Contains(p, document.Paths.Keys));
        Assert.True(document.Components!.SecuritySchemes!.ContainsKey("bearer"));
        var operations = document.Paths.Values.SelectMany(p => p.Operations!.Values).ToList();
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Summary));
            Assert.False(string.IsNullOrEmpty(o.Description));
            Assert.NotEmpty(o.Tags!);
            Assert.NotEmpty(o.Security!);
            Assert.Contains("401", o.Responses!.Keys);
            Assert.Contains("429", o.Responses!.Keys);
        });
    }

    [Fact]
    public async Task Every_description_in_the_openapi_document_reads_as_prose_without_csharp_member_names()
    {
        using var client = app.Client(null);
        using var json = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json"));

        var descriptions = Descriptions(json.RootElement).ToList();

        Assert.NotEmpty(descriptions);
        var raw = descriptions.Where(d => CSharpMemberName().IsMatch(d) || d.Contains("&lt;", StringComparison.Ordinal)).ToList();
        Assert.True(raw.Count == 0, string.Join(Environment.NewLine, raw));
    }

    [Fact]
    public async Task The_openapi_document_passes_redocly_lint_when_the_test_script_installed_it()
    {
        if (Environment.GetEnvironmentVariable("REDOCLY_CLI") is not { Length: > 0 } redocly || !File.Exists(redocly))
        {
            return;
        }

        using var client = app.Client(null);
        var file = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await client.GetStringAsync("openapi/v1.json"));
        try
        {
            using var lint = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(redocly, ["lint", "--format=summary", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = await lint.StandardOutput.ReadToEndAsync() + await lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();
            Assert.True(lint.ExitCode == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_reference_page_loads_under_the_csp_with_its_scripts_nonced_and_no_remote_fonts()
    {
        using var client = app.Client(null);

        using var redirect = await client.GetAsync("api/reference");
        using var response = await client.GetAsync("api/reference/");

        Assert.Equal("reference/", redirect.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(script.StartsWith("http", StringComparison.Ordinal), script);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(response.RequestMessage!.RequestUri!, script))).StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.googleapis", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr", html, StringComparison.Ordinal);
    }

    // "long? CreateOrderRequest.ItemId": what a <see cref> to a member becomes in the generated description.
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+\b")]
    private static partial Regex CSharpMemberName();

    private static IEnumerable<string> Descriptions(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p is { Name: "description", Value.ValueKind: JsonValueKind.String } ? [p.Value.GetString()!] : Descriptions(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Descriptions),
        _ => [],
    };
}
