using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Operations;

/// <summary>
/// Fills an empty database with the demo merchants, one user per role, a catalog with stock and a month
/// of order history, through the same services the portal uses. Safe to
/// run on every start: what exists is kept.
/// </summary>
internal sealed class DemoDataSeeder(
    IOptions<DemoDataOptions> options,
    MerchantService merchants,
    UserAdminService userAdmin,
    UserManager<PortalUser> users,
    CatalogService catalog,
    KeyInventoryService inventory,
    DemoHistory history)
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
                if (merchant.RefundApprovalThreshold is { } threshold)
                {
                    await SetApprovalThresholdAsync(created.Value, threshold, ct);
                }
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
                new CreateUser(user.Email, user.DisplayName, user.Role, merchantId, user.Password, user.IsTeamAdmin), Actor.System, ct);
            EnsureSucceeded(created.Error, $"demo user {user.Email}");
        }

        await SeedCatalogAsync(ct);
        var demoMerchants = new List<MerchantSummary>();
        foreach (var merchant in demo.Merchants)
        {
            demoMerchants.Add((await merchants.FindByNameAsync(merchant.Name, ct))!);
        }

        await history.SeedAsync(demoMerchants, demo.HistoricalOrders, ct);
    }

    /// <summary>Only for a merchant just created: a threshold an admin changed later is theirs to keep.</summary>
    private async Task SetApprovalThresholdAsync(MerchantSummary merchant, decimal threshold, CancellationToken ct)
    {
        if (!Money.TryFromMajor(threshold, Currency.Of(merchant.Currency), out var limit))
        {
            throw new InvalidOperationException($"The demo refund approval threshold {threshold} is not an amount in {merchant.Currency}.");
        }

        var updated = await merchants.UpdateRefundSettingsAsync(
            merchant.Id, merchant.RefundSettings with { ApprovalThresholdMinor = limit.Minor }, Actor.System, ct);
        EnsureSucceeded(updated.Error, $"the refund approval threshold of {merchant.Name}");
    }

    private async Task SeedCatalogAsync(CancellationToken ct)
    {
        if ((await catalog.SearchAsync(new CatalogQuery(IncludeInactive: true, PageSize: 1), Actor.System, ct)).TotalCount > 0)
        {
            return;
        }

        var random = new Random(42);
        foreach (var (item, codes) in DemoCatalog.Items)
        {
            var created = await catalog.CreateAsync(item, Actor.System, ct);
            EnsureSucceeded(created.Error, $"demo item {item.Sku}");
            if (codes > 0)
            {
                var batch = Enumerable.Range(0, codes).Select(_ => DemoCode(item.Sku, random)).ToList();
                EnsureSucceeded((await inventory.AddCodesAsync(created.Value.Item.Id, batch, Actor.System, ct)).Error, $"codes for {item.Sku}");
            }
        }
    }

    /// <summary>A code in the shape retailers use, e.g. "7QX2M-PK4R9-ZT8WD".</summary>
    private static string DemoCode(string sku, Random random)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var groups = Enumerable.Range(0, 3).Select(_ => new string([.. Enumerable.Range(0, 5).Select(_ => alphabet[random.Next(alphabet.Length)])]));
        return $"{sku[..Math.Min(4, sku.Length)]}-{string.Join('-', groups)}";
    }

    private static void EnsureSucceeded(MerchantPortal.Common.Error? error, string what)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"Could not create {what}: {error.Message}");
        }
    }
}
