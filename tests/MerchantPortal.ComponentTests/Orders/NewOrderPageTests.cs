using Bunit;
using Bunit.TestDoubles;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Features.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Orders;

/// <summary>The new-order page as a merchant user uses it, against the real order service.</summary>
public sealed class NewOrderPageTests : OrderComponentTest
{
    [Fact]
    public async Task The_breakdown_shows_subtotal_fee_tax_and_total_with_the_merchant_charges()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 500m, feeBps: 250, taxBps: 1000);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 1999, codes: 5);
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);

        AddItem(page, item);
        page.Find("[data-testid='line-0-quantity']").Input("3");

        page.WaitForAssertion(() => Assert.Equal("$67.47", TextOf(page, "price-total")), Patience);
        Assert.Equal("$59.97", TextOf(page, "price-subtotal"));
        Assert.Equal("$1.50", TextOf(page, "price-fees"));
        Assert.Equal("$6.00", TextOf(page, "price-taxes"));
        Assert.Equal("$67.47", TextOf(page, "price-line-0-total"));
        Assert.Equal("$500.00", TextOf(page, "balance-available"));
        Assert.Empty(page.FindAll("[data-testid='balance-warning']"));
    }

    [Fact]
    public async Task A_total_above_the_available_balance_is_flagged()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 10m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 400, codes: 5);
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);
        AddItem(page, item);

        page.Find("[data-testid='line-0-quantity']").Input("3");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='balance-warning']")), Patience);
    }

    [Fact]
    public async Task A_quantity_above_the_maximum_shows_the_service_error_at_that_line_and_places_nothing()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 500m);
        var item = await Core.Catalog.KeyItemAsync(codes: 10, maxQuantity: 5);
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);
        EnterNewCustomer(page, "quinn@example.test");
        AddItem(page, item);
        page.Find("[data-testid='line-0-quantity']").Input("6");

        page.Find("[data-testid='place-order']").Click();

        page.WaitForAssertion(() => Assert.Equal("The quantity must be between 1 and 5.", MessageFor(page, "line-0-quantity")), Patience);
        Assert.Empty(page.FindAll("[data-testid='order-error']"));
        Assert.Equal(0, await OrderCountAsync());
    }

    [Fact]
    public async Task A_top_up_amount_off_the_step_shows_the_error_at_the_amount()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 500m);
        var item = await Core.Catalog.TopUpItemAsync(minMinor: 500, maxMinor: 10_000, stepMinor: 500);
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);
        EnterNewCustomer(page, "tia@example.test");
        AddItem(page, item);
        Assert.Equal("$5.00–$100.00 in steps of $5.00", MessageFor(page, "line-0-amount"));
        page.Find("[data-testid='line-0-amount']").Input("7.50");

        page.Find("[data-testid='place-order']").Click();

        page.WaitForAssertion(() => Assert.Equal("The amount must be $5.00 plus a multiple of $5.00.", MessageFor(page, "line-0-amount")), Patience);
        Assert.Equal(0, await OrderCountAsync());
    }

    [Fact]
    public async Task A_double_click_on_place_order_places_exactly_one_order()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 500m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 5);
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);
        EnterNewCustomer(page, "dana@example.test");
        AddItem(page, item);

        page.Find("[data-testid='place-order']").Click();
        page.Find("[data-testid='place-order']").Click();

        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("/orders/", navigation.Uri, StringComparison.Ordinal), Patience);
        var orders = await Core.Get<OrderQueries>().SearchAsync(new OrderQuery(), Actor.System);
        var order = Assert.Single(orders.Items);
        Assert.EndsWith($"/orders/{order.Id}", navigation.Uri, StringComparison.Ordinal);
        Assert.All(navigation.History, h => Assert.EndsWith($"/orders/{order.Id}", h.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_picks_the_merchant_and_an_existing_customer_and_a_choice_field_is_sent_as_its_id()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        var customer = (await Core.Get<CustomerService>().FindOrCreateAsync(merchant.Id, new CustomerRef(Email: "ines@example.test", Name: "Ines Ortega"), TestCatalog.Admin)).Value;
        var item = await Core.Catalog.TopUpItemAsync();
        var page = RenderPage<NewOrderPage>(Roles.Admin, merchantId: null);
        Assert.True(page.Find("[data-testid='add-item']").HasAttribute("disabled"));

        var picker = page.FindComponent<MerchantPicker>();
        await picker.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(merchant.Id));
        page.WaitForAssertion(() => Assert.Equal("$100.00", TextOf(page, "balance-available")), Patience);
        page.Find("[data-testid='customer-search']").Input("Ortega");
        page.WaitForElement("[data-testid='customer-option']", Patience).Click();
        AddItem(page, item);
        page.Find("[data-testid='line-0-amount']").Input("25");
        page.Find("[data-testid='line-0-field-phone_number']").Input("+447700900123");
        Choose(page, "line-0-field-network", "Orange");
        Assert.Equal("Orange", page.Find("[data-testid='line-0-field-network']").GetAttribute("value"));

        page.Find("[data-testid='place-order']").Click();

        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("/orders/", navigation.Uri, StringComparison.Ordinal), Patience);
        var order = (await Core.Get<OrderQueries>().GetAsync(Guid.Parse(navigation.Uri[^36..]), Actor.System))!;
        Assert.Equal(merchant.Id, order.Order.MerchantId);
        Assert.Equal(customer.Id, order.Customer.Id);
        var line = Assert.Single(order.Order.Lines);
        Assert.Equal(2500, line.FaceValueMinor);
        var network = Assert.Single(line.Fields, f => f.Key == "network");
        Assert.Equal(("2", "Orange"), (network.Value, network.Display));
    }

    /// <summary>Searches the item by SKU, picks it, and waits for its line (the first line of the order).</summary>
    private static void AddItem(IRenderedComponent<IComponent> page, CatalogItem item)
    {
        page.Find("[data-testid='add-item']").Input(item.Sku);
        page.WaitForElement($"[data-testid='item-option-{item.Sku}']", Patience).Click();
        page.WaitForElement("[data-testid='line-0']", Patience);
    }

    /// <summary>Opens the select with this test id and clicks the option showing <paramref name="option"/>.</summary>
    private static void Choose(IRenderedComponent<IComponent> page, string testId, string option)
    {
        page.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!.QuerySelector(".mud-input")!.MouseDown();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".mud-popover-open [role='option']"), o => o.TextContent.Trim() == option), Patience);
        page.FindAll(".mud-popover-open [role='option']").Single(o => o.TextContent.Trim() == option).Click();
    }

    private static void EnterNewCustomer(IRenderedComponent<IComponent> page, string email)
    {
        page.Find("[data-testid='customer-mode-new']").Click();
        page.Find("[data-testid='customer-email']").Change(email);
    }

    private async Task<int> OrderCountAsync() => await Core.Get<OrderQueries>().CountAsync(new OrderQuery(), Actor.System);
}
