using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

/// <summary>
/// A tiny web app on 127.0.0.1 standing in for the portal: it receives webhooks or the browser coming back
/// from a sandbox page, records every request and answers with the status <see cref="Respond"/> picks.
/// </summary>
public sealed class LocalSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalSite(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The status to answer a request with; 200 unless a test says otherwise.</summary>
    public Func<ReceivedRequest, int> Respond { get; set; } = _ => StatusCodes.Status200OK;

    public static async Task<LocalSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LocalSite? site = null;
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var received = new ReceivedRequest(
                http.Request.Method,
                http.Request.Path + http.Request.QueryString,
                http.Request.Headers["Stripe-Signature"].ToString(),
                await reader.ReadToEndAsync());
            site!.Requests.Enqueue(received);
            http.Response.StatusCode = site.Respond(received);
            await http.Response.WriteAsync("ok");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site = new LocalSite(app, new Uri(address.TrimEnd('/') + "/"));
        return site;
    }

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    /// <summary>Waits (at most 10 s) until the recorded requests satisfy <paramref name="condition"/>.</summary>
    public async Task<List<ReceivedRequest>> WaitForAsync(Func<List<ReceivedRequest>, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var requests = Requests.ToList();
            if (condition(requests))
            {
                return requests;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The expected requests did not arrive; got {requests.Count}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Method, string PathAndQuery, string Signature, string Body);
