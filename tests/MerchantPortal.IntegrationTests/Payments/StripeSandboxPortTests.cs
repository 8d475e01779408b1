using System.Net;
using System.Net.Sockets;
using MerchantPortal.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Payments;

/// <summary>
/// The hosted Stripe sandbox listens on its configured port, so 3-D Secure links stored on waiting orders still open
/// after a restart; a port held by another process makes it take a free one instead of stopping the app.
/// </summary>
public sealed class StripeSandboxPortTests
{
    [Fact]
    public async Task The_sandbox_listens_on_its_configured_port()
    {
        var port = FreePorts.Next();
        await using var app = new PortalAppFactory();
        app.Settings["StripeSandbox:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(port, SandboxPort(app));
    }

    [Fact]
    public async Task A_port_in_use_makes_the_sandbox_take_a_free_one_and_the_app_still_starts()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var app = new PortalAppFactory();
        app.Settings["StripeSandbox:Port"] = taken.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var port = SandboxPort(app);

        Assert.NotEqual(taken, port);
        using var client = app.CreateBrowserlikeClient();
        using var health = await client.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var sandbox = new HttpClient();
        using var unauthenticated = await sandbox.GetAsync($"http://127.0.0.1:{port}/v1/customers");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    private static int SandboxPort(PortalAppFactory app)
    {
        _ = app.RootUri;
        return new Uri(app.Services.GetRequiredService<IConfiguration>()["Stripe:ApiBase"]!).Port;
    }
}
