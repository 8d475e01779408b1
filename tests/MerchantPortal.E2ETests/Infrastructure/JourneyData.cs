using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>What browser journeys need in place, created through the running app's own services.</summary>
public sealed class JourneyData(PortalAppFactory app)
{
    public const string DemoMerchant = "Northwind Games";

    /// <summary>A new USD key item with its own codes.</summary>
    public async Task<(CatalogItem Item, IReadOnlyList<string> Codes)> KeyItemWithCodesAsync(long unitPriceMinor, int codes)
    {
        var services = app.Services;
        var sku = $"E2E-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var created = await services.GetRequiredService<CatalogService>().CreateAsync(
            new SaveCatalogItem(sku, $"Journey key {sku}", null, ProductType.Key, "USD", UnitPriceMinor: unitPriceMinor, MinQuantity: 1,
                MaxQuantity: 10),
            Actor.System);
        Assert.True(created.Succeeded, created.Error?.Message);
        var values = Enumerable.Range(0, codes).Select(_ => $"E2E-{Guid.NewGuid():N}".ToUpperInvariant()).ToList();
        var added = await services.GetRequiredService<KeyInventoryService>().AddCodesAsync(created.Value.Item.Id, values, Actor.System);
        Assert.True(added.Succeeded, added.Error?.Message);
        return (created.Value.Item, values);
    }

    public async Task<MerchantSummary> DemoMerchantAsync() =>
        (await app.Services.GetRequiredService<MerchantService>().FindByNameAsync(DemoMerchant))!;

    public async Task CreditDemoMerchantAsync(decimal amount)
    {
        var merchant = await DemoMerchantAsync();
        var credited = await app.Services.GetRequiredService<LedgerService>().AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, amount, "Deposit for a browser journey", Guid.NewGuid().ToString()),
            Actor.System);
        Assert.True(credited.Succeeded, credited.Error?.Message);
    }

    /// <summary>A new customer of the demo merchant, with a unique email.</summary>
    public async Task<CustomerSummary> DemoCustomerAsync(string name)
    {
        var merchant = await DemoMerchantAsync();
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}-{Guid.NewGuid():N}"[..30] + "@example.test";
        var customer = await app.Services.GetRequiredService<CustomerService>().FindOrCreateAsync(
            merchant.Id, new CustomerRef(Email: email, Name: name), Actor.System);
        Assert.True(customer.Succeeded, customer.Error?.Message);
        return customer.Value;
    }
}
