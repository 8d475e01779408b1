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

    [Fact]
    public async Task A_merchant_order_id_used_before_for_the_same_cart_opens_that_order_and_says_so()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 500m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 5);
        var customer = await CustomerAsync(merchant.Id, "amara@example.test", "Amara Haddad");
        var earlier = (await Core.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(CustomerId: customer.Id), [new PlaceOrderLine(item.Id, 1)], PaymentChoice.Balance,
                OrderSource.Dashboard, MerchantOrderId: "INV-306"), TestActors.MerchantUser(merchant.Id))).Value.Order.Order;
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);
        ChooseCustomer(page, "Haddad");
        AddItem(page, item);
        page.Find("[data-testid='merchant-order-id']").Input("INV-306");

        page.Find("[data-testid='place-order']").Click();

        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith($"/orders/{earlier.Id}", navigation.Uri, StringComparison.Ordinal), Patience);
        Assert.Contains($"This reference was already used by {earlier.Reference} — opened it", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain($"Order {earlier.Reference} placed", page.Markup, StringComparison.Ordinal);
        Assert.Equal(1, await OrderCountAsync());
        var timeline = (await Core.Get<OrderQueries>().GetAsync(earlier.Id, Actor.System))!.Order.Events;
        Assert.Contains(timeline, e => e.Type == OrderEventTypes.RequestReplayed && e.Message.Contains("INV-306", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_merchant_order_id_used_before_for_another_cart_is_refused_at_its_field()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 500m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 5);
        await new TestOrders(Core.Services).PlaceKeyOrderAsync(merchant.Id, item.Id, quantity: 2, merchantOrderId: "INV-307");
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);
        EnterNewCustomer(page, "nia@example.test");
        AddItem(page, item);
        page.Find("[data-testid='merchant-order-id']").Input("INV-307");

        page.Find("[data-testid='place-order']").Click();

        page.WaitForAssertion(() => Assert.StartsWith("An order with this merchant order id already exists with different details.",
            MessageFor(page, "merchant-order-id"), StringComparison.Ordinal), Patience);
        Assert.Equal(1, await OrderCountAsync());
    }

    [Fact]
    public async Task A_new_customer_with_an_existing_email_is_offered_the_existing_customer_and_nothing_is_placed_until_chosen()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 500m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 5);
        var amara = await CustomerAsync(merchant.Id, "amara@example.test", "Amara Haddad");
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);
        EnterNewCustomer(page, "Amara@Example.test");
        page.Find("[data-testid='customer-name']").Input("A. Haddad");
        AddItem(page, item);

        page.Find("[data-testid='place-order']").Click();

        page.WaitForAssertion(() => Assert.Equal("A customer with this email exists: Amara Haddad — use them?",
            Normalize(TextOf(page, "existing-customer-message"))), Patience);
        Assert.Equal(0, await OrderCountAsync());

        page.Find("[data-testid='use-existing-customer']").Click();
        page.WaitForAssertion(() => Assert.Contains("Amara Haddad", page.Find("[data-testid='customer-search']").GetAttribute("value"), StringComparison.Ordinal), Patience);
        Assert.Equal(0, await OrderCountAsync());
        page.Find("[data-testid='place-order']").Click();

        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("/orders/", navigation.Uri, StringComparison.Ordinal), Patience);
        var order = (await Core.Get<OrderQueries>().GetAsync(Guid.Parse(navigation.Uri[^36..]), Actor.System))!;
        Assert.Equal((amara.Id, "Amara Haddad"), (order.Customer.Id, order.Customer.DisplayName));
    }

    [Fact]
    public async Task Changing_the_email_withdraws_the_offer_of_the_existing_customer()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 500m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 5);
        await CustomerAsync(merchant.Id, "amara@example.test", "Amara Haddad");
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);
        EnterNewCustomer(page, "amara@example.test");
        AddItem(page, item);
        page.Find("[data-testid='place-order']").Click();
        page.WaitForElement("[data-testid='existing-customer']", Patience);

        page.Find("[data-testid='customer-email']").Change("amara.h@example.test");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='existing-customer']")), Patience);
    }

    [Fact]
    public async Task Every_problem_is_shown_at_its_input_at_once_and_the_first_is_focused()
    {
        var focus = JSInterop.SetupModule("./js/form-focus.js");
        var merchant = await Core.Catalog.MerchantAsync(balance: 500m);
        var item = await Core.Catalog.KeyItemAsync(codes: 10, maxQuantity: 5);
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);
        EnterNewCustomer(page, "not-an-email");
        AddItem(page, item);
        page.Find("[data-testid='line-0-quantity']").Input("6");
        page.Find("[data-testid='order-notes']").Input(new string('n', OrderErrors.MaxNotesLength + 1));

        page.Find("[data-testid='place-order']").Click();

        page.WaitForAssertion(() => Assert.Equal("The quantity must be between 1 and 5.", MessageFor(page, "line-0-quantity")), Patience);
        Assert.Equal("Enter a valid email address, like name@example.com.", MessageFor(page, "customer-email"));
        Assert.StartsWith("Notes can be at most 2000 characters.", MessageFor(page, "order-notes"), StringComparison.Ordinal);
        page.WaitForAssertion(() => focus.VerifyInvoke("focusFirstInvalid"), Patience);
        Assert.Equal(0, await OrderCountAsync());
    }

    [Fact]
    public async Task Text_longer_than_the_service_accepts_is_counted_and_flagged_as_it_is_typed_never_cut()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 500m);
        var page = RenderPage<NewOrderPage>(Roles.Merchant, merchant.Id);
        var reference = new string('r', OrderErrors.MaxMerchantOrderIdLength + 1);

        page.Find("[data-testid='merchant-order-id']").Input(reference);

        page.WaitForAssertion(() => Assert.StartsWith("The merchant order id can be at most 100 characters.",
            MessageFor(page, "merchant-order-id"), StringComparison.Ordinal), Patience);
        Assert.Contains("101 / 100", MessageFor(page, "merchant-order-id"), StringComparison.Ordinal);
        // MudBlazor leaves the browser's own limit (524288); the service's limits are the counters'.
        Assert.NotEqual($"{OrderErrors.MaxMerchantOrderIdLength}", page.Find("[data-testid='merchant-order-id']").GetAttribute("maxlength"));
        Assert.NotEqual($"{OrderErrors.MaxNotesLength}", page.Find("[data-testid='order-notes']").GetAttribute("maxlength"));
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

    private async Task<CustomerSummary> CustomerAsync(Guid merchantId, string email, string name) =>
        (await Core.Get<CustomerService>().FindOrCreateAsync(merchantId, new CustomerRef(Email: email, Name: name), TestCatalog.Admin)).Value;

    private static string Normalize(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static void EnterNewCustomer(IRenderedComponent<IComponent> page, string email)
    {
        page.Find("[data-testid='customer-mode-new']").Click();
        page.Find("[data-testid='customer-email']").Change(email);
    }

    private async Task<int> OrderCountAsync() => await Core.Get<OrderQueries>().CountAsync(new OrderQuery(), Actor.System);
}
