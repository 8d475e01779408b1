using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Catalog;

/// <summary>The item detail page: read-only for merchants and support, with codes and actions for admins.</summary>
public sealed class CatalogItemPageTests : PortalComponentTest, IAsyncLifetime
{
    private CoreTestHost _core = default!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync();
        Services.AddSingleton(_core.Get<CatalogService>());
        Services.AddSingleton(_core.Get<KeyInventoryService>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _core.DisposeAsync();
    }

    [Theory]
    [InlineData(Roles.Merchant)]
    [InlineData(Roles.Support)]
    public async Task Merchants_and_support_see_the_item_and_its_stock_without_admin_actions_or_codes(string role)
    {
        var item = await _core.Catalog.KeyItemAsync(unitPriceMinor: 1999, codes: 3);
        SignInAs(role, merchantId: role == Roles.Merchant ? Guid.NewGuid() : null);

        var page = Render<CatalogItemPage>(p => p.Add(x => x.Id, item.Id));

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid='item-stock-available']").TextContent.Trim()));
        Assert.Equal("$19.99", page.Find("[data-testid='item-unit-price']").TextContent.Trim());
        Assert.Equal("Merchant default", page.Find("[data-testid='item-fee']").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid='item-edit']"));
        Assert.Empty(page.FindAll("[data-testid='item-toggle-active']"));
        Assert.Empty(page.FindAll("[data-testid='item-upload-codes']"));
        Assert.Empty(page.FindAll("[data-testid='item-codes']"));
    }

    [Fact]
    public async Task A_top_up_shows_its_face_values_rate_and_input_fields()
    {
        var item = await _core.Catalog.TopUpItemAsync(currency: "EUR", minMinor: 500, maxMinor: 10_000, rateBps: 9_500);
        SignInAs(Roles.Merchant, merchantId: Guid.NewGuid());

        var page = Render<CatalogItemPage>(p => p.Add(x => x.Id, item.Id));

        page.WaitForAssertion(() => Assert.Equal("€5.00–€100.00", page.Find("[data-testid='item-face-value']").TextContent.Trim()));
        Assert.Equal("95% of the face value", page.Find("[data-testid='item-rate']").TextContent.Trim());
        var network = page.Find("[data-testid='item-field-network']").TextContent;
        Assert.Contains("1 Vodafone, 2 Orange", network, StringComparison.Ordinal);
        Assert.Contains(@"\+\d{8,15}", page.Find("[data-testid='item-field-phone_number']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_reveals_a_code_after_confirming_and_the_reveal_is_audited()
    {
        var item = await _core.Catalog.KeyItemAsync();
        var code = (await _core.Catalog.AddCodesAsync(item.Id, 1)).Single();
        SignInAs(Roles.Admin, userId: "admin-1");
        var page = Render(builder =>
        {
            builder.OpenComponent<MudDialogProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<CatalogItemPage>(1);
            builder.AddAttribute(2, nameof(CatalogItemPage.Id), item.Id);
            builder.CloseComponent();
        });

        page.WaitForElement("[data-testid^='code-reveal-']").Click();
        page.WaitForElement("[data-testid='confirm-dialog']");
        Assert.Contains("recorded in the audit log", page.Find("[data-testid='confirm-dialog']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='revealed-code']"));
        page.Find("[data-testid='confirm-ok']").Click();

        page.WaitForAssertion(() => Assert.Equal(code, page.Find("[data-testid='revealed-code']").GetAttribute("value")));
        await using var db = await _core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var reveal = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.CodeRevealed);
        Assert.Equal("admin-1", reveal.ActorId);
    }

    [Fact]
    public void An_unknown_item_shows_a_friendly_not_found_message()
    {
        SignInAs(Roles.Admin);

        var page = Render<CatalogItemPage>(p => p.Add(x => x.Id, 424242));

        page.WaitForAssertion(() => Assert.Contains("We couldn't find that item", page.Find("[data-testid='catalog-item-not-found']").TextContent,
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deactivating_asks_first_and_then_marks_the_item_inactive()
    {
        var item = await _core.Catalog.ServiceItemAsync();
        SignInAs(Roles.Admin, userId: "admin-1");
        var page = Render(builder =>
        {
            builder.OpenComponent<MudDialogProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<CatalogItemPage>(1);
            builder.AddAttribute(2, nameof(CatalogItemPage.Id), item.Id);
            builder.CloseComponent();
        });

        page.WaitForElement("[data-testid='item-toggle-active']").Click();
        page.WaitForElement("[data-testid='confirm-ok']").Click();

        page.WaitForAssertion(() => Assert.Equal("Inactive", page.Find("[data-testid='item-active']").TextContent.Trim()));
        Assert.False((await _core.Get<CatalogService>().GetAsync(item.Id, Actor.System))!.Item.IsActive);
        Assert.Equal("Activate", page.Find("[data-testid='item-toggle-active']").TextContent.Trim());
    }
}
