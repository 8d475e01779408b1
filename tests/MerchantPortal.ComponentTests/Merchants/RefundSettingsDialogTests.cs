using AngleSharp.Dom;
using Bunit;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Refunds;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Components;

namespace MerchantPortal.ComponentTests.Merchants;

/// <summary>The merchants page's refund settings: the dialog, its threshold checks, and the settings shown in the table.</summary>
public sealed class RefundSettingsDialogTests : CoreComponentTest
{
    [Fact]
    public async Task A_threshold_with_more_decimals_than_the_currency_has_is_refused_at_the_field()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        var page = OpenDialog(merchant);

        page.Find("[data-testid='refund-threshold']").Change("12.345");
        page.Find("[data-testid='refund-settings-save']").Click();

        page.WaitForAssertion(() => Assert.Equal("USD amounts have at most 2 decimals.", HelperText(page, "refund-threshold")), Patience);
        Assert.Single(page.FindAll("[data-testid='refund-settings-dialog']"));
        Assert.Equal(MerchantRefundSettings.Default, (await Core.Get<MerchantService>().FindAsync(merchant.Id))!.RefundSettings);
    }

    [Fact]
    public async Task A_negative_threshold_is_refused_at_the_field()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        var page = OpenDialog(merchant);

        page.Find("[data-testid='refund-threshold']").Change("-5");
        page.Find("[data-testid='refund-settings-save']").Click();

        page.WaitForAssertion(() => Assert.StartsWith("The threshold cannot be negative.", HelperText(page, "refund-threshold"), StringComparison.Ordinal),
            Patience);
    }

    [Fact]
    public async Task Saved_settings_reach_the_merchant_and_show_in_the_table()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        var page = OpenDialog(merchant);
        Assert.True(Radio(page, "auto-refund-to-balance").HasAttribute("disabled"));

        page.Find("[data-testid='refund-threshold']").Change("250");
        Radio(page, "auto-refund-undelivered").Click();
        page.WaitForAssertion(() => Assert.False(Radio(page, "auto-refund-to-balance").HasAttribute("disabled")), Patience);
        Radio(page, "auto-refund-to-balance").Click();
        page.Find("[data-testid='retry-on-restock']").Change(true);
        page.Find("[data-testid='refund-settings-save']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='refund-settings-dialog']")), Patience);
        Assert.Equal(new MerchantRefundSettings(25_000, AutoRefundPolicy.AllUndelivered, RefundDestination.Balance, RetryOnRestock: true),
            (await Core.Get<MerchantService>().FindAsync(merchant.Id))!.RefundSettings);
        page.WaitForAssertion(() => Assert.Equal(["Approval above $250.00", "Auto-refund undelivered units to balance", "Retry on restock"],
            page.FindAll($"[data-testid='refund-settings-{merchant.Name}'] .mud-chip").Select(c => c.TextContent.Trim())), Patience);
        Assert.Contains($"The refund settings of {merchant.Name} were saved.", page.Find(".mud-snackbar").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dialog_opens_with_the_current_settings_and_an_empty_threshold_turns_approvals_off()
    {
        var merchant = await Core.Catalog.MerchantAsync(currency: "JPY");
        await Core.Get<MerchantService>().UpdateRefundSettingsAsync(merchant.Id,
            new MerchantRefundSettings(5_000, AutoRefundPolicy.FailedOrders, RefundDestination.OriginalPaymentMethod, false), Testing.TestCatalog.Admin);
        var page = OpenDialog(merchant);
        Assert.Equal("5000", page.Find("[data-testid='refund-threshold']").GetAttribute("value"));
        Assert.True(Radio(page, "auto-refund-failed").HasAttribute("checked"));

        page.Find("[data-testid='refund-threshold']").Change("");
        page.Find("[data-testid='refund-settings-save']").Click();

        page.WaitForAssertion(() => Assert.Null((Core.Get<MerchantService>().FindAsync(merchant.Id).Result)!.RefundSettings.ApprovalThresholdMinor),
            Patience);
        page.WaitForAssertion(() => Assert.Contains("No approvals", page.Find($"[data-testid='refund-settings-{merchant.Name}']").TextContent,
            StringComparison.Ordinal), Patience);
    }

    private IRenderedComponent<IComponent> OpenDialog(MerchantSummary merchant)
    {
        SignInAs(Roles.Admin, userId: PageUserId);
        var page = RenderWithProviders<MerchantsPage>();
        page.WaitForElement($"[data-testid='edit-refunds-{merchant.Name}']", Patience).Click();
        page.WaitForElement("[data-testid='refund-settings-dialog']", Patience);
        return page;
    }

    /// <summary>The radio input of the MudRadio with this test id.</summary>
    private static IElement Radio(IRenderedComponent<IComponent> page, string testId)
    {
        var element = page.Find($"[data-testid='{testId}']");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private static string HelperText(IRenderedComponent<IComponent> page, string testId) =>
        page.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
}
