using MerchantPortal.Identity;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Testing;

/// <summary>Creates merchants, balances and catalog items through the real services, for service tests.</summary>
public sealed class TestCatalog(IServiceProvider services)
{
    public static Actor Admin { get; } = Actor.User("test-admin", "admin@test.example", null, Roles.Admin);

    public async Task<MerchantSummary> MerchantAsync(string currency = "USD", decimal balance = 0m, int feeBps = 0, int taxBps = 0)
    {
        var merchants = services.GetRequiredService<MerchantService>();
        var merchant = Expect(await merchants.CreateAsync(new CreateMerchant($"Merchant {Guid.NewGuid():N}"[..30], currency), Admin));
        if (feeBps != 0 || taxBps != 0)
        {
            merchant = Expect(await merchants.UpdateAsync(merchant.Id, new UpdateMerchant(merchant.Name, feeBps, taxBps), Admin));
        }

        if (balance > 0)
        {
            Expect(await services.GetRequiredService<LedgerService>().AdjustAsync(
                new AdjustBalance(merchant.Id, BalanceDirection.Credit, balance, "Test deposit", Guid.NewGuid().ToString(), LargeAmountConfirmed: true), Admin));
        }

        return merchant;
    }

    public async Task<CatalogItem> KeyItemAsync(long unitPriceMinor = 500, int codes = 0, string currency = "USD", int maxQuantity = 100)
    {
        var item = await ItemAsync(new SaveCatalogItem(Sku(), "Test game key", null, ProductType.Key, currency,
            UnitPriceMinor: unitPriceMinor, MinQuantity: 1, MaxQuantity: maxQuantity));
        if (codes > 0)
        {
            await AddCodesAsync(item.Id, codes);
        }

        return item;
    }

    public Task<CatalogItem> TopUpItemAsync(
        string currency = "USD", long minMinor = 500, long maxMinor = 10_000, long stepMinor = 500, long rateBps = 10_000,
        FulfilmentBehaviour behaviour = FulfilmentBehaviour.Succeed) =>
        ItemAsync(new SaveCatalogItem(Sku(), "Test mobile top-up", null, ProductType.TopUp, currency,
            MinAmountMinor: minMinor, MaxAmountMinor: maxMinor, StepMinor: stepMinor, RateBasisPoints: rateBps, Behaviour: behaviour,
            Fields:
            [
                new ItemField { Key = "phone_number", Label = "Phone number", Type = FieldType.Text, Pattern = @"\+\d{8,15}", MaxLength = 16 },
                new ItemField
                {
                    Key = "network", Label = "Network", Type = FieldType.Choice,
                    Choices = [new FieldChoice { Id = 1, Name = "Vodafone" }, new FieldChoice { Id = 2, Name = "Orange" }],
                },
            ]));

    public Task<CatalogItem> ServiceItemAsync(long priceMinor = 1500, string currency = "USD", FulfilmentBehaviour behaviour = FulfilmentBehaviour.Succeed) =>
        ItemAsync(new SaveCatalogItem(Sku(), "Test account recovery", null, ProductType.Service, currency,
            UnitPriceMinor: priceMinor, Behaviour: behaviour,
            Fields: [new ItemField { Key = "account_id", Label = "Account id", Type = FieldType.Text, MaxLength = 40 }]));

    public async Task<IReadOnlyList<string>> AddCodesAsync(long itemId, int count)
    {
        var codes = Enumerable.Range(0, count).Select(_ => $"CODE-{Guid.NewGuid():N}"[..25].ToUpperInvariant()).ToList();
        Expect(await services.GetRequiredService<KeyInventoryService>().AddCodesAsync(itemId, codes, Admin));
        return codes;
    }

    private async Task<CatalogItem> ItemAsync(SaveCatalogItem item) =>
        Expect(await services.GetRequiredService<CatalogService>().CreateAsync(item, Admin)).Item;

    private static string Sku() => $"T-{Guid.NewGuid():N}"[..14].ToUpperInvariant();

    private static T Expect<T>(Common.Result<T> result) =>
        result.Succeeded ? result.Value : throw new InvalidOperationException($"{result.Error!.Code}: {result.Error.Message}");
}
