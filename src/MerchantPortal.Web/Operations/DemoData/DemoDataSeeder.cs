using System.Text;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Operations;

/// <summary>
/// Fills an empty database with the demo merchants and one user per role, through the same services the
/// portal uses, and prints the demo sign-ins. Safe to run on every start: existing data is kept.
/// </summary>
internal sealed class DemoDataSeeder(
    IOptions<DemoDataOptions> options,
    MerchantService merchants,
    UserAdminService userAdmin,
    UserManager<PortalUser> users,
    ILogger<DemoDataSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        var demo = options.Value;
        foreach (var merchant in demo.Merchants)
        {
            if (await merchants.FindByNameAsync(merchant.Name, ct) is null)
            {
                var created = await merchants.CreateAsync(new CreateMerchant(merchant.Name, merchant.Currency), Actor.System, ct);
                EnsureSucceeded(created.Error, $"demo merchant {merchant.Name}");
            }
        }

        foreach (var user in demo.Users)
        {
            if (await users.FindByEmailAsync(user.Email) is not null)
            {
                continue;
            }

            var merchantId = user.Merchant is null ? null : (await merchants.FindByNameAsync(user.Merchant, ct))?.Id;
            var created = await userAdmin.CreateAsync(
                new CreateUser(user.Email, user.DisplayName, user.Role, merchantId, user.Password), Actor.System, ct);
            EnsureSucceeded(created.Error, $"demo user {user.Email}");
        }

        PrintSignIns(demo.Users);
    }

    private void PrintSignIns(IEnumerable<DemoDataOptions.DemoUser> demoUsers)
    {
        var lines = new StringBuilder("Demo sign-ins:");
        foreach (var user in demoUsers)
        {
            lines.Append($"{Environment.NewLine}  {user.Role,-9} {user.Email,-30} {user.Password}");
        }

        logger.LogWarning("{DemoSignIns}", lines.ToString());
    }

    private static void EnsureSucceeded(MerchantPortal.Common.Error? error, string what)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"Could not create {what}: {error.Message}");
        }
    }
}
