using MerchantPortal.Events;
using MerchantPortal.Email;
using MerchantPortal.Web.Components.Account.Email;
using MerchantPortal.Web.Operations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Testing;

/// <summary>
/// The real app (its <c>Program</c>) on Kestrel at a free loopback port, in the Development environment
/// (the embedded default: SQLite, demo data and demo users) with its own SQLite file.
/// </summary>
public class PortalAppFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _directory = new();

    public PortalAppFactory()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));

        // The demo catalog and users are seeded; a month of order history only slows tests down.
        Settings["Demo:HistoricalOrders"] = "0";

        // Each test app has its own Stripe sandbox, in memory, on a free port.
        Settings["StripeSandbox:DataFile"] = "";
        Settings["StripeSandbox:Port"] = "0";
    }

    /// <summary>Extra configuration for this app, applied over the development settings.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public string DatabasePath => _directory.File("portal.db");

    /// <summary>The root URL the app listens on, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri RootUri
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.EndsWith('/') ? address : address + "/");
        }
    }

    /// <summary>The demo sign-ins from the development settings, as the app itself reads them.</summary>
    public IReadOnlyList<DemoDataOptions.DemoUser> DemoUsers =>
        Services.GetRequiredService<IOptions<DemoDataOptions>>().Value.Users;

    public DemoDataOptions.DemoUser DemoUser(string role) => DemoUsers.First(u => u.Role == role);

    /// <summary>An HTTP client on the real server that does not follow redirects and keeps cookies.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = RootUri,
        };

    /// <summary>Every email the app sends (password links, invitations).</summary>
    public CapturedEmails Emails { get; } = new();

    /// <summary>What the app logs, at the levels its configuration lets through.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IEmailTransport>(Emails);
            services.AddSingleton<ILoggerProvider>(Logs);
            services.TryAddSingleton<IOrderSnapshotter, TestOrderSnapshotter>();
        });
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabasePath}");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _directory.Dispose();
        }
    }
}
