using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Catalog;

/// <summary>The item detail page: read-only for merchants and support, with codes and actions for admins.</summary>
public sealed class CatalogItemPageTests : PortalComponentTest, IAsyncLifetime
{
    private static readonly string[] SearchCodes = ["AAAA-1-Q7", "BBBB-2-Q8", "CCCC-3-R7"];

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
        SignInAs(role, merchantId: role == Roles.Merchant ? (await _core.Catalog.MerchantAsync()).Id : null);

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
        SignInAs(Roles.Merchant, merchantId: (await _core.Catalog.MerchantAsync(currency: "EUR")).Id);

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
    public async Task An_admin_voids_a_code_after_confirming_and_the_stock_and_audit_log_show_it()
    {
        var item = await _core.Catalog.KeyItemAsync(codes: 2);
        SignInAs(Roles.Admin, userId: "admin-1");
        var page = RenderPageWithDialogs(item.Id);
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid='item-stock-available']").TextContent.Trim()));

        page.WaitForElement("[data-testid^='code-void-']").Click();
        page.WaitForElement("[data-testid='confirm-dialog']");
        var confirm = page.Find("[data-testid='confirm-dialog']").TextContent;
        Assert.Contains("never delivered", confirm, StringComparison.Ordinal);
        Assert.Contains("recorded in the audit log", confirm, StringComparison.Ordinal);
        page.Find("[data-testid='confirm-ok']").Click();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid='item-stock-available']").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Contains("Voided", page.FindAll("[data-testid='code-status']").Select(c => c.TextContent.Trim())));
        Assert.Single(page.FindAll("[data-testid^='code-void-']"));
        await using var db = await _core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.CodeVoided);
        Assert.Equal("admin-1", entry.ActorId);
    }

    [Fact]
    public async Task Cancelling_the_void_confirmation_leaves_the_code_available()
    {
        var item = await _core.Catalog.KeyItemAsync(codes: 1);
        SignInAs(Roles.Admin, userId: "admin-1");
        var page = RenderPageWithDialogs(item.Id);

        page.WaitForElement("[data-testid^='code-void-']").Click();
        page.WaitForElement("[data-testid='confirm-cancel']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='confirm-dialog']")));
        Assert.Equal("Available", page.Find("[data-testid='code-status']").TextContent.Trim());
        Assert.Equal("1", page.Find("[data-testid='item-stock-available']").TextContent.Trim());
        await using var db = await _core.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.Equal(KeyCodeStatus.Available, (await db.KeyCodes.SingleAsync(c => c.ItemId == item.Id)).Status);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.CodeVoided));
    }

    [Fact]
    public async Task The_codes_search_filters_the_grid_by_the_last_characters()
    {
        var item = await _core.Catalog.KeyItemAsync();
        await _core.Get<KeyInventoryService>().AddCodesAsync(item.Id, SearchCodes, TestCatalog.Admin);
        SignInAs(Roles.Admin, userId: "admin-1");
        var page = RenderPageWithDialogs(item.Id);
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid='code-masked']").Count));

        page.Find("input[data-testid='codes-search']").Input("q7");

        page.WaitForAssertion(() => Assert.Equal("•••• •••• 1-Q7", Assert.Single(page.FindAll("[data-testid='code-masked']")).TextContent.Trim()),
            TimeSpan.FromSeconds(5));
        page.Find("input[data-testid='codes-search']").Input("zz");
        page.WaitForAssertion(() => Assert.Contains("No codes end like this", page.Find("[data-testid='codes-empty']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
    }

    private IRenderedComponent<IComponent> RenderPageWithDialogs(long itemId) => Render(builder =>
    {
        builder.OpenComponent<MudDialogProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<CatalogItemPage>(1);
        builder.AddAttribute(2, nameof(CatalogItemPage.Id), itemId);
        builder.CloseComponent();
    });

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
