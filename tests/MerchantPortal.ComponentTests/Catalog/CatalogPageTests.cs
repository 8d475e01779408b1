using Bunit;
using MerchantPortal.Catalog;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Catalog;

/// <summary>The catalog list: prices and stock per type, and admin-only controls.</summary>
public sealed class CatalogPageTests : PortalComponentTest, IAsyncLifetime
{
    private CoreTestHost _core = default!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync();
        Services.AddSingleton(_core.Get<CatalogService>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task Rows_show_a_top_ups_face_value_range_and_rate_and_a_keys_stock()
    {
        await _core.Catalog.TopUpItemAsync(currency: "EUR", minMinor: 500, maxMinor: 10_000, rateBps: 9_750);
        await _core.Catalog.KeyItemAsync(codes: 0, currency: "EUR");
        SignInAs(Roles.Merchant, merchantId: (await _core.Catalog.MerchantAsync(currency: "EUR")).Id);

        var page = Render<CatalogPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='catalog-grid'] tbody tr").Count));
        var topUp = Row(page, "Test mobile top-up");
        Assert.Equal("€5.00–€100.00", topUp.QuerySelector("[data-testid='item-price']")!.TextContent.Trim());
        Assert.Equal("charged at 97.5%", topUp.QuerySelector("[data-testid='item-rate']")!.TextContent.Trim());
        Assert.Equal("Out of stock", Row(page, "Test game key").QuerySelector("[data-testid='item-stock']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Merchants_see_neither_the_new_item_button_nor_inactive_items()
    {
        var item = await _core.Catalog.ServiceItemAsync();
        await _core.Get<CatalogService>().SetActiveAsync(item.Id, false, TestCatalog.Admin);
        SignInAs(Roles.Merchant, merchantId: Guid.NewGuid());

        var page = Render<CatalogPage>();

        page.WaitForElement("[data-testid='catalog-empty']");
        Assert.Empty(page.FindAll("[data-testid='catalog-new-item']"));
        Assert.Empty(page.FindAll("[data-testid='catalog-show-inactive']"));
    }

    [Fact]
    public async Task Admins_can_show_inactive_items()
    {
        var item = await _core.Catalog.ServiceItemAsync();
        await _core.Get<CatalogService>().SetActiveAsync(item.Id, false, TestCatalog.Admin);
        SignInAs(Roles.Admin);

        var page = Render<CatalogPage>();
        page.WaitForElement("[data-testid='catalog-empty']");
        Assert.Single(page.FindAll("[data-testid='catalog-new-item']"));

        page.Find("input[data-testid='catalog-show-inactive']").Change(true);

        page.WaitForAssertion(() => Assert.Equal("Inactive", Row(page, item.Name).QuerySelector("[data-testid='item-active']")!.TextContent.Trim()));
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<CatalogPage> page, string name) =>
        page.FindAll("[data-testid='catalog-grid'] tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));
}
