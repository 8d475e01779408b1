using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>
/// A tiny receiver on 127.0.0.1 for trying webhooks locally (<c>webhook-listen</c>): it accepts a POST on any path,
/// verifies the Standard Webhooks signature and the timestamp, prints one line per message and the JSON, and
/// answers 204 (400 when the message does not verify).
/// </summary>
public sealed class WebhookListener : IAsyncDisposable
{
    /// <summary>How far a message's timestamp may be from now, as the spec recommends.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    private readonly WebApplication _app;
    private readonly StandardWebhook _webhook;
    private readonly TextWriter _output;

    private WebhookListener(WebApplication app, string secret, TextWriter output)
    {
        _app = app;
        _webhook = new StandardWebhook(secret);
        _output = output;
    }

    /// <summary>Where it listens (the actual port, when asked for port 0).</summary>
    public Uri Address { get; private set; } = default!;

    public static async Task<WebhookListener> StartAsync(int port, string secret, TextWriter output)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var listener = new WebhookListener(app, secret, TextWriter.Synchronized(output));
        app.MapPost("/{**path}", listener.ReceiveAsync);
        await app.StartAsync();
        listener.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return listener;
    }

    /// <summary>Runs until the process is asked to stop (Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var id = request.Headers["webhook-id"].ToString();
        if (Refusal(request.Headers, body) is { } refusal)
        {
            await _output.WriteLineAsync($"✘ {refusal}  {id}");
            return TypedResults.BadRequest(refusal);
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : "?";
        await _output.WriteLineAsync($"✔ verified  {type}  {id}  {OrderReference(root)}".TrimEnd());
        await _output.WriteLineAsync(JsonSerializer.Serialize(root, Pretty));
        return TypedResults.NoContent();
    }

    private string? Refusal(IHeaderDictionary headers, string body)
    {
        if (!long.TryParse(headers["webhook-timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || string.IsNullOrEmpty(headers["webhook-id"]) || string.IsNullOrEmpty(headers["webhook-signature"]))
        {
            return "missing webhook headers";
        }

        if ((DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > Tolerance)
        {
            return "timestamp outside the 5-minute tolerance";
        }

        try
        {
            _webhook.Verify(body, headers);
            return null;
        }
        catch (WebhookVerificationException)
        {
            return "signature mismatch";
        }
    }

    /// <summary>The order's number from the event data, when it has one.</summary>
    private static string OrderReference(JsonElement root) =>
        root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && (data.TryGetProperty("number", out var number) || data.TryGetProperty("order_number", out number))
            && number.ValueKind == JsonValueKind.String
                ? number.GetString()!
                : "";
}
