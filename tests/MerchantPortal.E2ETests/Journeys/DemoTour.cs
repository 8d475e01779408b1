using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Events;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// The README's tour of the portal on the demo a first <c>dotnet run</c> creates: each role's main pages, each checked
/// for the demo's own merchants, customers, items and today's orders, and saved as the README's screenshots when
/// <c>MP_SCREENSHOTS_DIR</c> is set (scripts/screenshots.sh). Only the steps a newcomer would take on top of the demo
/// add anything: a webhook endpoint, an API key, and a refund above Northwind's $100.00 approval threshold.
/// </summary>
public sealed class DemoTour(DemoTourFixture fixture) : IClassFixture<DemoTourFixture>
{
    private const string Northwind = DemoTourFixture.Northwind;
    private const string Contoso = DemoTourFixture.Contoso;

    // Demo customers: Kenji Watanabe has today's partial order paid from the balance (a Steam code delivered, two
    // sold-out Netflix cards not), Olivia Smith a saved Visa card, Lucía Romero a card that asks for 3-D Secure.
    private const string Kenji = "kenji.watanabe@example.com";
    private const string Olivia = "olivia.smith@example.net";
    private const string Lucia = "lucía.romero@example.net";

    private const int PhoneWidth = 390;

    private static readonly LocatorAssertionsToHaveTextOptions Background = new() { Timeout = 30_000 };

    [Fact]
    public Task A_newcomer_opens_the_sign_in_page() =>
        TourAsync(async page =>
        {
            await new LoginPage(page).GotoAsync();

            await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
            await SaveAsync(page, "sign-in.png");
        });

    [Fact]
    public Task The_Northwind_merchant_sees_its_demo_orders_customers_balance_and_team() =>
        TourAsync(async page =>
        {
            var partial = await fixture.OrderAsync(Northwind, Kenji, OrderStatus.Partial);
            await SignInAsync(page, Roles.Merchant);
            await Expect(page.GetByTestId("dashboard-account")).ToContainTextAsync($"Merchant · {Northwind}");
            await Expect(page.GetByTestId("attention-table")).ToContainTextAsync(partial.Reference);
            await SaveAsync(page, "dashboard-merchant.png");

            await OpenAsync(page, "orders");
            await Expect(page.GetByTestId("orders-grid")).ToContainTextAsync("Kenji Watanabe");
            await Expect(page.GetByTestId("orders-grid")).ToContainTextAsync("Olivia Smith");
            await SaveAsync(page, "orders.png");

            await OpenPartialOrderAsync(page);
            await SaveAsync(page, "order.png");

            await FillNewOrderAsync(page);
            await SaveAsync(page, "new-order.png", fullPage: true);

            await OpenAsync(page, "customers");
            await Expect(page.GetByTestId("customers-grid")).ToContainTextAsync("Amara Haddad");
            await Expect(page.GetByTestId("customers-grid")).ToContainTextAsync("Anna Kowalski");
            await SaveAsync(page, "customers.png");

            var olivia = await fixture.CustomerAsync(Northwind, Olivia);
            await OpenAsync(page, $"customers/{olivia.Id}");
            await Expect(page.Locator("h1")).ToContainTextAsync("Olivia Smith");
            await Expect(page.GetByTestId("customer-contact")).ToContainTextAsync(Olivia);
            await Expect(page.GetByTestId("saved-cards")).ToContainTextAsync("4242");
            await Expect(page.GetByTestId("customer-orders")).ToContainTextAsync("MP-");
            await SaveAsync(page, "customer.png");

            await OpenAsync(page, "balance");
            await Expect(page.GetByTestId("balance-available")).ToContainTextAsync("$");
            await Expect(page.GetByTestId("ledger-grid")).ToContainTextAsync("MP-");
            await SaveAsync(page, "balance.png");

            await OpenAsync(page, "team");
            await Expect(page.GetByTestId("team-table")).ToContainTextAsync("Nora Merchant");
            await Expect(page.GetByTestId("team-table")).ToContainTextAsync("clerk@northwind.test");
            await SaveAsync(page, "team.png");
        });

    [Fact]
    public Task The_Northwind_merchant_points_webhooks_at_its_shop_and_sends_a_test_event() =>
        TourAsync(async page =>
        {
            await using var receiver = await WebhookReceiver.StartAsync();
            await SignInAsync(page, Roles.Merchant);
            var webhooks = new WebhooksPage(page);
            await webhooks.GotoAsync();

            await webhooks.AddEndpointAsync(receiver.Url, IntegrationEventTypes.Subscribable, IntegrationEventTypes.Subscribable);
            await webhooks.CloseSecretAsync();
            await webhooks.SendTestEventAsync(receiver.Url);
            var delivery = webhooks.Delivery(IntegrationEventTypes.Test);
            await delivery.ExpandAsync();
            await webhooks.RefreshUntilAsync(async () => await Expect(delivery.Status).ToHaveTextAsync("Succeeded", new() { Timeout = 1_000 }));

            await Expect(webhooks.Endpoint(receiver.Url).GetByTestId("endpoint-state")).ToHaveTextAsync("Active");
            await SaveAsync(page, "webhooks.png");

            // Later orders are not sent to a receiver that is gone.
            await webhooks.DeleteEndpointAsync(receiver.Url);
        });

    [Fact]
    public Task On_a_phone_the_Northwind_merchant_fills_in_a_new_order_and_reads_a_partial_one() =>
        TourAsync(async page =>
        {
            await page.SetViewportSizeAsync(PhoneWidth, 844);
            await SignInAsync(page, Roles.Merchant);

            await FillNewOrderAsync(page);
            await page.GetByTestId("place-order").ScrollIntoViewIfNeededAsync();
            await SaveAsync(page, "new-order-phone.png");

            var order = await OpenPartialOrderAsync(page);
            await order.Undelivered(2).ScrollIntoViewIfNeededAsync();
            await SaveAsync(page, "order-phone.png");
        });

    [Fact]
    public Task The_Northwind_merchant_is_sent_to_the_bank_for_3D_Secure() =>
        TourAsync(async page =>
        {
            var waiting = await fixture.OrderAsync(Northwind, Lucia, OrderStatus.AwaitingPayment);
            await SignInAsync(page, Roles.Merchant);
            await new OrderPage(page).GotoAsync(waiting.Id);
            await Expect(page.Locator("main")).ToContainTextAsync("Lucía Romero");

            await page.GetByTestId("complete-authentication").ClickAsync();

            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Complete authentication" })).ToBeVisibleAsync();
            await Expect(page.Locator("body")).ToContainTextAsync("$19.40");
            await SaveAsync(page, "three-d-secure.png");
        });

    [Fact]
    public Task Support_works_the_queue_of_both_demo_merchants_and_a_second_agent_approves_a_large_refund() =>
        TourAsync(async page =>
        {
            // Five sold-out Netflix cards ($125.00) fail: refunding them passes Northwind's $100.00 threshold.
            var kenji = await fixture.CustomerAsync(Northwind, Kenji);
            var large = await fixture.PlaceNorthwindOrderAsync(kenji, "NFLX-25-USD", units: 5);
            await SignInAsync(page, Roles.Support);
            await Expect(page.GetByTestId("dashboard-account")).ToContainTextAsync("Support · all merchants");
            await Expect(page.GetByTestId("attention-table")).ToContainTextAsync(Northwind);
            await Expect(page.GetByTestId("attention-table")).ToContainTextAsync(Contoso);
            await SaveAsync(page, "dashboard-support.png");

            // Oldest first: the month of history's partial and failed orders of both merchants.
            var queue = new SupportQueuePage(page);
            await queue.GotoAsync();
            await Expect(queue.Table).ToContainTextAsync(Northwind);
            await Expect(queue.Table).ToContainTextAsync(Contoso);
            await Expect(queue.Table).ToContainTextAsync("Out of stock");
            await SaveAsync(page, "support-queue.png");

            var order = new OrderPage(page);
            await order.GotoAsync(large.Id);
            await Expect(order.Status).ToHaveTextAsync("Failed", Background);
            var dialog = await order.OpenRefundDialogAsync();
            await dialog.SelectEveryUnitLeftAsync();
            await Expect(dialog.Total).ToHaveTextAsync("$125.00");
            await Expect(dialog.ApprovalHint).ToContainTextAsync("a second agent must approve this refund");
            await SaveAsync(page, "refund-dialog.png");
            await dialog.ReviewAsync();
            await dialog.ConfirmAsync();
            await new ShellPage(page).SignOutAsync();

            await SignInAsync(page, Roles.Support, second: true);
            await queue.GotoAsync();
            await queue.OpenApprovalsAsync();
            var approval = queue.Approval(large.Reference);
            await Expect(approval.GetByTestId("approval-summary")).ToContainTextAsync("Netflix Gift Card $25");
            await Expect(approval.GetByTestId("approval-approve")).ToBeEnabledAsync();
            await SaveAsync(page, "approvals.png");
        });

    [Fact]
    public Task The_admin_sees_the_demo_catalog_users_merchants_audit_log_and_creates_an_api_key() =>
        TourAsync(async page =>
        {
            await SignInAsync(page, Roles.Admin);
            await Expect(page.GetByTestId("dashboard-account")).ToContainTextAsync("Admin · all merchants");
            await Expect(page.GetByTestId("attention-table")).ToContainTextAsync(Contoso);
            await SaveAsync(page, "dashboard-admin.png");

            await OpenAsync(page, "catalog");
            await Expect(page.GetByTestId("catalog-grid")).ToContainTextAsync("Steam Wallet Code $20");
            await Expect(page.GetByTestId("catalog-grid")).ToContainTextAsync("Nintendo eShop €25");
            await SaveAsync(page, "catalog.png");

            var steam = await fixture.ItemAsync("STEAM-20-USD");
            await OpenAsync(page, $"catalog/{steam.Id}");
            await Expect(page.Locator("h1")).ToContainTextAsync("Steam Wallet Code $20");
            await Expect(page.GetByTestId("item-details")).ToContainTextAsync("Adds $20 to a Steam wallet.");
            await Expect(page.GetByTestId("item-stock-available")).ToHaveTextAsync(new Regex("[1-9]"));
            await SaveAsync(page, "catalog-item.png");

            await OpenAsync(page, "admin/users");
            await Expect(page.GetByTestId("users-grid")).ToContainTextAsync("merchant@northwind.test");
            await Expect(page.GetByTestId("users-grid")).ToContainTextAsync("support2@merchantportal.test");
            await SaveAsync(page, "users.png");

            await OpenAsync(page, "admin/merchants");
            await Expect(page.GetByTestId("merchants-table")).ToContainTextAsync(Northwind);
            await Expect(page.GetByTestId("merchants-table")).ToContainTextAsync(Contoso);
            await SaveAsync(page, "merchants.png");

            // The refunds of the demo's month: cancellations refunded in full, to the card or the balance.
            await OpenAsync(page, "admin/audit");
            await page.GetByTestId("audit-area").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Refunds", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("RF-");
            await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync(Contoso);
            await SaveAsync(page, "audit-log.png");

            var keys = new ApiKeysPage(page);
            await keys.GotoAsync();
            await keys.ChooseMerchantAsync(Northwind);
            await keys.CreateAsync("Web shop", Scopes.OrdersRead, Scopes.OrdersWrite, Scopes.RefundsWrite, Scopes.CatalogRead);
            await Expect(keys.Secret).ToHaveValueAsync(new Regex("^mp_test_"));
            await SaveAsync(page, "api-key-secret.png");
            await keys.CloseSecretAsync();
            await Expect(keys.Row("Web shop").Status).ToHaveTextAsync("Active");
            await SaveAsync(page, "api-keys.png");
        });

    /// <summary>Kenji Watanabe's partial order: the Steam code delivered, both Netflix cards undelivered.</summary>
    private async Task<OrderPage> OpenPartialOrderAsync(IPage page)
    {
        var partial = await fixture.OrderAsync(Northwind, Kenji, OrderStatus.Partial);
        var order = new OrderPage(page);
        await order.GotoAsync(partial.Id);
        await Expect(order.Status).ToHaveTextAsync("Partial");
        await Expect(page.Locator("main")).ToContainTextAsync("Kenji Watanabe");
        await Expect(order.Line(1)).ToContainTextAsync("Steam Wallet Code $20");
        await Expect(order.Line(2)).ToContainTextAsync("Netflix Gift Card $25");
        await Expect(order.Undelivered(2)).ToHaveTextAsync("2");
        return order;
    }

    /// <summary>New order for Olivia Smith: two Steam codes, paid with her saved Visa card; not placed.</summary>
    private static async Task<NewOrderPage> FillNewOrderAsync(IPage page)
    {
        var form = new NewOrderPage(page);
        await form.GotoAsync();
        await form.ChooseCustomerAsync(Olivia);
        await form.AddItemAsync("STEAM-20-USD", line: 0);
        await form.SetQuantityAsync(line: 0, quantity: 2);
        await form.PayByCardAsync();
        await Expect(page.GetByTestId("card-select")).ToHaveValueAsync(new Regex("4242"));
        await Expect(form.Total).ToHaveTextAsync("$38.80", Background);
        return form;
    }

    private async Task<ShellPage> SignInAsync(IPage page, string role, bool second = false)
    {
        var user = fixture.App.DemoUsers.Where(u => u.Role == role).ElementAt(second ? 1 : 0);
        return await new LoginPage(page).SignInAsync(user.Email, user.Password);
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await new ShellPage(page).WaitUntilInteractiveAsync();
    }

    /// <summary>Saves the picture once the page has loaded what it shows (tables and panels load after the first render).</summary>
    private static async Task SaveAsync(IPage page, string fileName, bool fullPage = false)
    {
        await page.WaitForFunctionAsync("() => !document.querySelector('.mud-table-loading, .mud-skeleton')");
        await ReadmeScreenshots.SaveAsync(page, fileName, fullPage);
    }

    private Task TourAsync(Func<IPage, Task> journey, [CallerMemberName] string name = "") =>
        BrowserSession.RunAsync(fixture.Browser, fixture.RootUri, journey, name);
}
