using Bunit;
using Bunit.TestDoubles;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Balance;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Balance;

/// <summary>The balance page's ledger filter, the low-balance alert field and the banner, against the real ledger.</summary>
public sealed class LowBalanceAndLedgerFilterTests : CoreComponentTest
{
    private LedgerService Ledger => Core.Get<LedgerService>();

    [Fact]
    public async Task An_invalid_threshold_shows_every_problem_at_the_field_and_saves_nothing()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 10m);
        var form = RenderThresholdForm(merchant.Id);

        form.Find("[data-testid='threshold-amount']").Change("-1.005");
        form.Find("[data-testid='threshold-save']").Click();

        form.WaitForAssertion(() =>
        {
            var error = form.Find("[data-testid='threshold-amount']").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent ?? "";
            Assert.Contains("Enter zero or more", error, StringComparison.Ordinal);
            Assert.Contains("USD amounts have at most 2 decimals.", error, StringComparison.Ordinal);
        }, Patience);
        Assert.Null((await Ledger.GetLowBalanceAsync(merchant.Id, Actor.System))!.Threshold);
    }

    [Fact]
    public async Task A_valid_threshold_is_saved()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 10m);
        var form = RenderThresholdForm(merchant.Id);

        form.Find("[data-testid='threshold-amount']").Change("25.50");
        form.Find("[data-testid='threshold-save']").Click();

        form.WaitForAssertion(() => Assert.Contains("Low-balance alert set to $25.50.", form.Markup, StringComparison.Ordinal), Patience);
        Assert.Equal(2550, (await Ledger.GetLowBalanceAsync(merchant.Id, Actor.System))!.Threshold!.Value.Minor);
    }

    [Fact]
    public async Task The_banner_shows_for_the_merchants_users_only_while_the_balance_is_below_the_alert()
    {
        var low = await Core.Catalog.MerchantAsync(balance: 10m);
        var fine = await Core.Catalog.MerchantAsync(balance: 100m);
        await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(low.Id, 25m), TestCatalog.Admin);
        await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(fine.Id, 25m), TestCatalog.Admin);

        var banner = RenderPage<LowBalanceBanner>(Roles.Merchant, low.Id);

        banner.WaitForAssertion(() => Assert.Contains("The balance is $10.00, below the alert of $25.00.",
            banner.Find("[data-testid='low-balance-banner']").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task No_banner_above_the_alert()
    {
        var fine = await Core.Catalog.MerchantAsync(balance: 100m);
        await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(fine.Id, 25m), TestCatalog.Admin);

        var banner = RenderPage<LowBalanceBanner>(Roles.Merchant, fine.Id);

        Assert.Empty(banner.FindAll("[data-testid='low-balance-banner']"));
    }

    [Fact]
    public async Task The_ledger_filter_narrows_the_grid_and_the_export_link_carries_it()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        await Ledger.AdjustAsync(new AdjustBalance(merchant.Id, BalanceDirection.Debit, 5m, "Chargeback 7781", Guid.NewGuid().ToString()), TestCatalog.Admin);
        var page = RenderPage<BalancePage>(Roles.Merchant, merchant.Id);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='ledger-description']").Count), Patience);

        page.Find("[data-testid='ledger-text']").Change("7781");
        page.Find("[data-testid='ledger-apply']").Click();

        page.WaitForAssertion(() => Assert.Equal("Chargeback 7781", Assert.Single(page.FindAll("[data-testid='ledger-description']")).TextContent.Trim()), Patience);
        Assert.Contains("text=7781", page.Find("[data-testid='ledger-export']").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("text=7781", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_filter_is_read_from_the_address_and_the_export_link_carries_it()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        await Ledger.AdjustAsync(new AdjustBalance(merchant.Id, BalanceDirection.Debit, 5m, "Chargeback 7781", Guid.NewGuid().ToString()), TestCatalog.Admin);
        await Ledger.AdjustAsync(new AdjustBalance(merchant.Id, BalanceDirection.Credit, 5m, "Goodwill 7781", Guid.NewGuid().ToString()), TestCatalog.Admin);
        SignInAs(Roles.Merchant, userId: PageUserId, merchantId: merchant.Id);
        Services.GetRequiredService<NavigationManager>().NavigateTo("balance?kind=debits&text=7781&from=2026-01-01&to=2026-12-31");

        var page = RenderWithProviders<BalancePage>();

        page.WaitForAssertion(() => Assert.Equal("Chargeback 7781", Assert.Single(page.FindAll("[data-testid='ledger-description']")).TextContent.Trim()), Patience);
        Assert.Equal("7781", page.Find("[data-testid='ledger-text']").GetAttribute("value"));
        var export = page.Find("[data-testid='ledger-export']").GetAttribute("href")!;
        Assert.Contains("kind=debits", export, StringComparison.Ordinal);
        Assert.Contains("text=7781", export, StringComparison.Ordinal);
        Assert.Contains("from=", export, StringComparison.Ordinal);
        Assert.Contains("to=", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_to_another_filtered_address_while_the_page_is_open_refilters_the_ledger()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        await Ledger.AdjustAsync(new AdjustBalance(merchant.Id, BalanceDirection.Debit, 5m, "Chargeback 7781", Guid.NewGuid().ToString()), TestCatalog.Admin);
        await Ledger.AdjustAsync(new AdjustBalance(merchant.Id, BalanceDirection.Credit, 5m, "Goodwill 7781", Guid.NewGuid().ToString()), TestCatalog.Admin);
        SignInAs(Roles.Merchant, userId: PageUserId, merchantId: merchant.Id);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("balance?kind=debits&text=7781");
        var page = RenderWithProviders<BalancePage>();
        page.WaitForAssertion(() => Assert.Equal("Chargeback 7781", Assert.Single(page.FindAll("[data-testid='ledger-description']")).TextContent.Trim()), Patience);

        // Back or Forward to another filtered ledger: the same page component, a new address.
        navigation.NavigateTo("balance?kind=credits&text=7781");

        page.WaitForAssertion(() => Assert.Equal("Goodwill 7781", Assert.Single(page.FindAll("[data-testid='ledger-description']")).TextContent.Trim()), Patience);
        Assert.Contains("kind=credits", page.Find("[data-testid='ledger-export']").GetAttribute("href"), StringComparison.Ordinal);

        navigation.NavigateTo("balance");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid='ledger-description']").Count), Patience);
        Assert.DoesNotContain("kind=", page.Find("[data-testid='ledger-export']").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applying_the_filter_writes_the_address_once_and_the_page_does_not_read_it_back_over_the_form()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        await Ledger.AdjustAsync(new AdjustBalance(merchant.Id, BalanceDirection.Debit, 5m, "Chargeback 7781", Guid.NewGuid().ToString()), TestCatalog.Admin);
        var page = RenderPage<BalancePage>(Roles.Merchant, merchant.Id);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='ledger-description']").Count), Patience);
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        var entries = navigation.History.Count;

        page.Find("[data-testid='ledger-text']").Change("  7781 ");
        page.Find("[data-testid='ledger-apply']").Click();

        page.WaitForAssertion(() => Assert.Equal("Chargeback 7781", Assert.Single(page.FindAll("[data-testid='ledger-description']")).TextContent.Trim()), Patience);
        Assert.Equal(entries + 1, navigation.History.Count);
        Assert.EndsWith("?text=7781", navigation.Uri, StringComparison.Ordinal);
        // The typed text stays as typed: the page's own write is not read back into the form.
        Assert.Equal("  7781 ", page.Find("[data-testid='ledger-text']").GetAttribute("value"));
    }

    [Fact]
    public async Task A_bad_value_in_the_address_is_ignored_and_the_ledger_opens_unfiltered()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        await Ledger.AdjustAsync(new AdjustBalance(merchant.Id, BalanceDirection.Debit, 5m, "Chargeback 7781", Guid.NewGuid().ToString()), TestCatalog.Admin);
        SignInAs(Roles.Merchant, userId: PageUserId, merchantId: merchant.Id);
        Services.GetRequiredService<NavigationManager>().NavigateTo("balance?kind=nonsense&from=yesterday&to=7");

        var page = RenderWithProviders<BalancePage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='ledger-description']").Count), Patience);
        Assert.Empty(page.FindAll("[data-testid='ledger-filter-error']"));
        var export = page.Find("[data-testid='ledger-export']").GetAttribute("href")!;
        Assert.DoesNotContain("kind=", export, StringComparison.Ordinal);
        Assert.DoesNotContain("from=", export, StringComparison.Ordinal);
        Assert.False(page.Find("[data-testid='ledger-export']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_invalid_ledger_filter_shows_its_errors_at_their_fields_and_keeps_the_grid()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        var page = RenderPage<BalancePage>(Roles.Merchant, merchant.Id);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='ledger-description']")), Patience);

        page.Find("[data-testid='ledger-text']").Change(new string('x', LedgerQuery.MaxTextLength + 1));
        page.Find("[data-testid='ledger-apply']").Click();

        page.WaitForAssertion(() => Assert.Contains(LedgerErrors.SearchTooLong.Message, page.Markup, StringComparison.Ordinal), Patience);
        Assert.Single(page.FindAll("[data-testid='ledger-description']"));
        Assert.True(page.Find("[data-testid='ledger-export']").HasAttribute("disabled"));
    }

    private IRenderedComponent<IComponent> RenderThresholdForm(Guid merchantId) =>
        RenderPage<LowBalanceThresholdForm>(Roles.Admin, null, new Dictionary<string, object?>
        {
            [nameof(LowBalanceThresholdForm.MerchantId)] = merchantId,
            [nameof(LowBalanceThresholdForm.CanEdit)] = true,
        });

    private IRenderedComponent<IComponent> RenderPage<TPage>(string role, Guid? merchantId, IDictionary<string, object?>? parameters = null)
        where TPage : IComponent
    {
        SignInAs(role, userId: PageUserId, merchantId: merchantId);
        return RenderWithProviders<TPage>(parameters);
    }
}
