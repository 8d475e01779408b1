using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Testing;

/// <summary>A merchant's webhook receiver on 127.0.0.1: records every request and answers what the test queued (200 when nothing is).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _answers = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public ConcurrentQueue<ReceivedWebhook> Requests { get; } = new();

    /// <summary>Answers the next requests with these statuses, in order.</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue((status, null));
        }
    }

    public void AnswerTooManyRequests(string retryAfter) => _answers.Enqueue((StatusCodes.Status429TooManyRequests, retryAfter));

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hooks";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var body = await reader.ReadToEndAsync();
        var (status, retryAfter) = _answers.TryDequeue(out var answer) ? answer : (StatusCodes.Status200OK, null);
        Requests.Enqueue(new ReceivedWebhook(http.Request.Method, headers, body, status));
        http.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            http.Response.Headers.RetryAfter = retryAfter;
        }

        await http.Response.WriteAsync($"answered {status}");
    }
}

/// <summary>One request the receiver got, and the status it answered.</summary>
public sealed record ReceivedWebhook(string Method, IReadOnlyDictionary<string, string> Headers, string Body, int Answered)
{
    public string Id => Headers["webhook-id"];

    public string Timestamp => Headers["webhook-timestamp"];

    public IReadOnlyList<string> Signatures => Headers["webhook-signature"].Split(' ');
}
