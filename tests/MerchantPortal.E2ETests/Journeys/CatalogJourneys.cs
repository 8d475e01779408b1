using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

public sealed class CatalogJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task An_admin_creates_a_key_item_uploads_codes_and_reveals_one() =>
        InBrowserAsync(async page =>
        {
            var admin = Fixture.App.DemoUser(Roles.Admin);
            var sku = $"E2E-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
            var name = $"Nebula Quest key {sku}";
            var shell = await new LoginPage(page).SignInAsync(admin.Email, admin.Password);
            await shell.GoToAsync("catalog");
            var catalog = new CatalogPage(page);

            var id = await catalog.CreateKeyItemAsync(sku, name, "24.99");

            await Expect(page.Locator("h1")).ToHaveTextAsync(name);
            var saved = (await Fixture.App.Services.GetRequiredService<CatalogService>().GetAsync(id, Actor.System))!.Item;
            Assert.Equal((sku, 2_499L, ProductType.Key), (saved.Sku, saved.UnitPriceMinor, saved.Type));
            await Expect(page.GetByTestId("item-unit-price")).ToHaveTextAsync("$24.99");
            await Expect(catalog.StockAvailable).ToHaveTextAsync("0");

            await catalog.UploadCodesAsync("NQ-AAAA-1111", "NQ-BBBB-2222", "NQ-AAAA-1111");

            await Expect(catalog.UploadResult("added")).ToHaveTextAsync("2 added");
            await Expect(catalog.UploadResult("duplicates")).ToContainTextAsync("1 duplicate");
            await Expect(catalog.UploadResult("existing")).ToHaveTextAsync("0 already in the inventory");
            await catalog.CloseUploadDialogAsync();
            await Expect(catalog.UploadDialog).ToBeHiddenAsync();
            await Expect(catalog.StockAvailable).ToHaveTextAsync("2");
            await Expect(catalog.CodeRows).ToHaveCountAsync(2);
            await Expect(catalog.Codes).ToContainTextAsync("•••• •••• 2222");
            await Expect(catalog.Codes).Not.ToContainTextAsync("NQ-BBBB-2222");

            await catalog.CodeRows.Filter(new() { HasText = "2222" }).GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
            await Expect(page.GetByTestId("confirm-dialog")).ToContainTextAsync("Revealing a code is recorded in the audit log");
            await page.GetByTestId("confirm-ok").ClickAsync();
            await Expect(page.GetByTestId("revealed-code")).ToHaveValueAsync("NQ-BBBB-2222");
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            await page.GetByTestId("revealed-code-copy").ClickAsync();
            await Expect(page.Locator(".mud-snackbar", new() { HasText = "Code copied to the clipboard." })).ToBeVisibleAsync();
            Assert.Equal("NQ-BBBB-2222", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
            await page.GetByTestId("revealed-code-close").ClickAsync();

            await shell.GoToAsync("catalog");
            await catalog.SearchAsync(sku);
            await Expect(catalog.Rows).ToHaveCountAsync(1);
            await Expect(catalog.Row(name).GetByTestId("item-stock")).ToHaveTextAsync("2 left");
        });

    [Fact]
    public Task A_merchant_user_browses_the_catalog_without_admin_actions() =>
        InBrowserAsync(async page =>
        {
            var item = await CreateKeyItemWithCodesAsync(codes: 12);
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            var shell = await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            await shell.GoToAsync("catalog");
            var catalog = new CatalogPage(page);

            await catalog.SearchAsync(item.Sku);
            await Expect(catalog.Rows).ToHaveCountAsync(1);
            await Expect(catalog.Row(item.Name).GetByTestId("item-stock")).ToHaveTextAsync("12");
            await Expect(catalog.NewItemButton).ToHaveCountAsync(0);
            await Expect(catalog.ShowInactiveSwitch).ToHaveCountAsync(0);

            await catalog.OpenItemAsync(item.Name);
            await Expect(page.Locator("h1")).ToHaveTextAsync(item.Name);
            await Expect(catalog.StockAvailable).ToHaveTextAsync("12");
            await Expect(catalog.EditButton).ToHaveCountAsync(0);
            await Expect(catalog.ToggleActiveButton).ToHaveCountAsync(0);
            await Expect(catalog.UploadCodesButton).ToHaveCountAsync(0);
            await Expect(catalog.Codes).ToHaveCountAsync(0);

            await page.GotoAsync($"catalog/{item.Id}/edit");
            await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("You don't have access to this page");
            await page.GotoAsync("catalog/new");
            await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("You don't have access to this page");
        });

    private async Task<CatalogItem> CreateKeyItemWithCodesAsync(int codes)
    {
        var sku = $"E2E-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var services = Fixture.App.Services;
        var created = await services.GetRequiredService<CatalogService>().CreateAsync(
            new SaveCatalogItem(sku, $"Orbit Racer key {sku}", "A racing game for the whole family.", ProductType.Key, "USD",
                UnitPriceMinor: 1_499, MinQuantity: 1, MaxQuantity: 5), Actor.System);
        var item = created.Value.Item;
        var added = await services.GetRequiredService<KeyInventoryService>().AddCodesAsync(
            item.Id, [.. Enumerable.Range(1, codes).Select(i => $"OR-{sku}-{i:D4}")], Actor.System);
        Assert.True(added.Succeeded, added.Error?.Message);
        return item;
    }
}
