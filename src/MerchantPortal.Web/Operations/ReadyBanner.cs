using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Operations;

/// <summary>Once the portal listens, prints where to open it and, with demo data, who to sign in as.</summary>
internal static class ReadyBanner
{
    public static void PrintReadyBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var demo = app.Services.GetRequiredService<IOptions<DemoDataOptions>>().Value;
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MerchantPortal")
                .LogInformation("{Banner}", Compose(addresses, demo));
        });
    }

    internal static string Compose(IEnumerable<string> addresses, DemoDataOptions demo)
    {
        var banner = new StringBuilder("Merchant Portal is ready: open ");
        banner.AppendJoin(" or ", addresses.Select(a => a.Replace("://127.0.0.1:", "://localhost:", StringComparison.Ordinal)));
        if (demo.Seed && demo.Users.Count > 0)
        {
            banner.AppendLine().Append("Demo sign-ins:");
            foreach (var user in demo.Users)
            {
                banner.AppendLine().Append($"  {user.Role,-9} {user.Email,-30} {user.Password}");
            }
        }

        return banner.ToString();
    }
}
