using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Dashboard;
using MerchantPortal.Identity;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using MerchantPortal.Web.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Dashboard;

/// <summary>The dashboard staff see over merchants selling in different currencies, against the real services.</summary>
public sealed class DashboardPageTests : CoreComponentTest
{
    [Fact]
    public async Task Revenue_is_shown_per_currency_with_a_chart_for_each()
    {
        await SellAsync("USD", unitPriceMinor: 1000, units: 2);
        await SellAsync("EUR", unitPriceMinor: 2500, units: 3);

        var page = RenderDashboardForStaff();

        page.WaitForAssertion(() => Assert.StartsWith(Text(2000, "USD"), TextOf(page, "stat-revenue-USD"), StringComparison.Ordinal), Patience);
        Assert.StartsWith(Text(7500, "EUR"), TextOf(page, "stat-revenue-EUR"), StringComparison.Ordinal);
        Assert.Contains($"{Text(7500, "EUR")} · {Text(2000, "USD")}", TextOf(page, "stat-revenue-today"), StringComparison.Ordinal);
        // The euros sold more today, so they come first; one chart at a time, its currency chosen here.
        Assert.Equal(["stat-revenue-EUR", "stat-revenue-USD"],
            page.FindAll("[data-testid='stat-revenue-period'] .mp-revenue-row").Select(r => r.GetAttribute("data-testid")));
        Assert.Single(page.FindAll("[data-testid='dashboard-chart-currency']"));
    }

    [Fact]
    public async Task An_order_needing_attention_has_its_status_chip_captioned_order()
    {
        await SellAsync("USD", unitPriceMinor: 1000, units: 2, codes: 1);

        var page = RenderDashboardForStaff();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='attention-table'] tbody .mp-labelled-status")), Patience);
        var status = page.Find("[data-testid='attention-table'] tbody .mp-labelled-status");
        Assert.Equal(("Order", "Partial", "Order: Partial"),
            (status.QuerySelector(".mp-status-kind")!.TextContent.Trim(), status.QuerySelector(".mp-status-chip")!.TextContent.Trim(), status.GetAttribute("title")));
    }

    /// <summary>A merchant in the currency, and one order from its balance for a key item of that price; the order is fulfilled.</summary>
    private async Task SellAsync(string currency, long unitPriceMinor, int units, int? codes = null)
    {
        var merchant = await Core.Catalog.MerchantAsync(currency: currency, balance: 500m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: unitPriceMinor, codes: codes ?? units, currency: currency);
        var placed = await Core.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: "dana@example.test"), [new PlaceOrderLine(item.Id, units)], PaymentChoice.Balance, OrderSource.Dashboard),
            Actor.User("merchant-user", "merchant@test.example", merchant.Id, Roles.Merchant));
        Assert.True(placed.Succeeded, placed.Error?.Message);
        await Core.DrainJobsAsync();
    }

    private IRenderedComponent<IComponent> RenderDashboardForStaff()
    {
        Services.AddSingleton(Core.Get<DashboardService>());
        Services.AddSingleton(Core.Get<UserAdminService>());
        SignInAs(Roles.Support, userId: PageUserId);
        return RenderWithProviders<DashboardPage>();
    }

    private static string Text(long minor, string currency) => new Money(minor, Currency.Of(currency)).ToString();

    private static string TextOf(IRenderedComponent<IComponent> page, string testId) =>
        page.Find($"[data-testid='{testId}']").TextContent.Trim();
}
