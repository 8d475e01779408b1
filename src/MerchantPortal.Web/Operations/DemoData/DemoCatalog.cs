using MerchantPortal.Catalog;

namespace MerchantPortal.Web.Operations;

/// <summary>A realistic catalog for the demo: keys, top-ups and services in USD and EUR, with one item of each behaviour.</summary>
internal static class DemoCatalog
{
    private static readonly ItemField UsPhone = new()
    {
        Key = "phone_number", Label = "Phone number", Type = FieldType.Text, Pattern = @"\+1\d{10}", MaxLength = 12,
    };

    private static readonly ItemField EuPhone = new()
    {
        Key = "phone_number", Label = "Phone number", Type = FieldType.Text, Pattern = @"\+\d{8,15}", MaxLength = 16,
    };

    /// <summary>The items, each with how many codes to stock (keys only).</summary>
    public static IReadOnlyList<(SaveCatalogItem Item, int Codes)> Items { get; } =
    [
        (Key("STEAM-20-USD", "Steam Wallet Code $20", "Adds $20 to a Steam wallet. Redeem at store.steampowered.com.", "USD", 1940), 120),
        (Key("XBOX-GPU-1M", "Xbox Game Pass Ultimate — 1 month", "One month of Game Pass Ultimate for Xbox and PC.", "USD", 1499), 80),
        (Key("PSN-50-USD", "PlayStation Store $50", "PlayStation Store credit for US accounts.", "USD", 4850), 60),
        (Key("MC-JAVA", "Minecraft: Java & Bedrock Edition", "A full game key for Windows.", "USD", 2695), 3),
        (Key("NFLX-25-USD", "Netflix Gift Card $25", "Prepaid Netflix credit.", "USD", 2500), 0),
        (Key("ESHOP-25-EUR", "Nintendo eShop €25", "Nintendo eShop credit for European accounts.", "EUR", 2450), 90),
        (Key("SPOTIFY-3M-EUR", "Spotify Premium — 3 months", "Three months of Spotify Premium.", "EUR", 2999), 70),
        (TopUp("TOPUP-US", "Mobile top-up — US carriers", "Prepaid airtime for AT&T, Verizon and T-Mobile numbers.", "USD",
            500, 10_000, 500, 10_200, FulfilmentBehaviour.Succeed, UsPhone,
            Choice("carrier", "Carrier", "AT&T", "Verizon", "T-Mobile")), 0),
        (TopUp("TOPUP-EU", "Mobile top-up — Europe", "Prepaid airtime for major European networks.", "EUR",
            500, 5_000, 500, 10_150, FulfilmentBehaviour.Partial, EuPhone,
            Choice("network", "Network", "Vodafone", "Orange", "Telekom")), 0),
        (Service("RECOVERY-USD", "Game account recovery", "Our team recovers a locked or hacked game account.", "USD", 1500,
            FulfilmentBehaviour.Succeed,
            new ItemField { Key = "account_id", Label = "Account id or email", Type = FieldType.Text, MaxLength = 100 },
            Choice("platform", "Platform", "Steam", "Xbox", "PlayStation", "Nintendo")), 0),
        (Service("MIGRATE-LEGACY", "Legacy account migration", "Moves a retired-platform account to its successor.", "USD", 2900,
            FulfilmentBehaviour.Fail,
            new ItemField { Key = "account_id", Label = "Legacy account id", Type = FieldType.Text, Pattern = @"[A-Z]{3}-\d{6}", MaxLength = 10 }), 0),
        (Service("SUPPORT-EUR", "Priority support session", "A 30-minute call with a platform specialist.", "EUR", 3900,
            FulfilmentBehaviour.Delay,
            new ItemField { Key = "topic", Label = "Topic", Type = FieldType.Text, MaxLength = 200, Required = false }), 0),
    ];

    private static SaveCatalogItem Key(string sku, string name, string description, string currency, long price) =>
        new(sku, name, description, ProductType.Key, currency, UnitPriceMinor: price, MinQuantity: 1, MaxQuantity: 20);

    private static SaveCatalogItem TopUp(
        string sku, string name, string description, string currency, long min, long max, long step, long rate,
        FulfilmentBehaviour behaviour, params ItemField[] fields) =>
        new(sku, name, description, ProductType.TopUp, currency, MinAmountMinor: min, MaxAmountMinor: max, StepMinor: step,
            RateBasisPoints: rate, Behaviour: behaviour, Fields: fields);

    private static SaveCatalogItem Service(
        string sku, string name, string description, string currency, long price, FulfilmentBehaviour behaviour, params ItemField[] fields) =>
        new(sku, name, description, ProductType.Service, currency, UnitPriceMinor: price, Behaviour: behaviour, Fields: fields);

    private static ItemField Choice(string key, string label, params string[] names) => new()
    {
        Key = key,
        Label = label,
        Type = FieldType.Choice,
        Choices = [.. names.Select((name, i) => new FieldChoice { Id = i + 1, Name = name })],
    };
}
