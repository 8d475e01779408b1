using System.Net;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Security;

/// <summary>A merchant user never sees another merchant's data, on any page (checked in the server-rendered HTML).</summary>
public sealed class MerchantIsolationTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Another_merchants_customer_is_not_found_and_not_listed()
    {
        var (northwindOrder, secretEmail) = await PlaceNorthwindOrderAsync();
        using var contoso = await SignedInAsync("merchant@contoso.test");

        var customerPage = await contoso.GetStringAsync($"customers/{northwindOrder.Customer.Id}");
        var customerList = await contoso.GetStringAsync("customers");

        Assert.Contains("customer-not-found", customerPage, StringComparison.Ordinal);
        Assert.DoesNotContain(secretEmail, customerPage, StringComparison.Ordinal);
        Assert.DoesNotContain(secretEmail, customerList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_balance_page_shows_only_the_users_own_balance()
    {
        await PlaceNorthwindOrderAsync();
        using var contoso = await SignedInAsync("merchant@contoso.test");

        var page = WebUtility.HtmlDecode(await contoso.GetStringAsync("balance?merchant=" + (await MerchantAsync("Northwind Games")).Id));

        Assert.Contains("€0.00", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Order MP-", page, StringComparison.Ordinal);
        Assert.DoesNotContain("merchant-picker", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_pages_are_refused_to_merchant_users()
    {
        using var contoso = await SignedInAsync("merchant@contoso.test");

        foreach (var path in new[] { "admin/users", "admin/merchants", "admin/audit" })
        {
            var response = await contoso.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task The_support_queue_is_refused_to_merchant_users_and_opens_for_support_agents()
    {
        using var contoso = await SignedInAsync("merchant@contoso.test");
        using var support = await SignedInAsync(app.DemoUser(Roles.Support).Email);

        var refused = await contoso.GetAsync("support");
        var page = await support.GetStringAsync("support?tab=approvals");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/Account/AccessDenied", refused.Headers.Location!.AbsolutePath);
        Assert.Contains("data-testid=\"support-queue\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav-support\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merchant_cannot_reveal_a_code_delivered_to_another_merchant()
    {
        var (order, _) = await PlaceNorthwindOrderAsync();
        var contoso = await MerchantAsync("Contoso Mobile");
        var inventory = app.Services.GetRequiredService<KeyInventoryService>();
        var codeId = order.CodesByLine.Values.Single().Single().Id;

        var theirs = await inventory.RevealAsync(codeId, Actor.User("contoso-user", "merchant@contoso.test", contoso.Id, Roles.Merchant));

        Assert.Equal("CODE_NOT_FOUND", theirs.Error!.Code);
    }

    private async Task<(OrderDetails Order, string CustomerEmail)> PlaceNorthwindOrderAsync()
    {
        var services = app.Services;
        var northwind = await MerchantAsync("Northwind Games");
        var admin = Actor.User("test-admin", "admin@test.example", null, Roles.Admin);
        await services.GetRequiredService<LedgerService>().AdjustAsync(
            new AdjustBalance(northwind.Id, BalanceDirection.Credit, 50m, "Test deposit", Guid.NewGuid().ToString()), admin);
        var item = (await services.GetRequiredService<CatalogService>().CreateAsync(
            new SaveCatalogItem($"ISO-{Guid.NewGuid():N}"[..12], "Isolation key", null, ProductType.Key, "USD", UnitPriceMinor: 100, MaxQuantity: 5), admin)).Value.Item;
        await services.GetRequiredService<KeyInventoryService>().AddCodesAsync(item.Id, [$"SECRET-{Guid.NewGuid():N}"], admin);
        var email = $"secret-{Guid.NewGuid():N}@northwind-customer.test";
        var actor = Actor.User("northwind-user", "merchant@northwind.test", northwind.Id, Roles.Merchant);
        var placed = await services.GetRequiredService<OrderPlacementService>().PlaceAsync(new PlaceOrder(northwind.Id, new CustomerRef(Email: email),
            [new PlaceOrderLine(item.Id, 1)], PaymentChoice.Balance, OrderSource.Dashboard), actor);
        var orderId = placed.Value.Order.Order.Id;
        var queries = services.GetRequiredService<OrderQueries>();
        for (var i = 0; i < 100 && (await queries.GetAsync(orderId, actor))!.Order.Status != OrderStatus.Completed; i++)
        {
            await Task.Delay(100);
        }

        return ((await queries.GetAsync(orderId, actor))!, email);
    }

    private async Task<MerchantSummary> MerchantAsync(string name) =>
        (await app.Services.GetRequiredService<MerchantService>().FindByNameAsync(name))!;

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserlikeClient();
        var signIn = await SsrForm.SignInAsync(client, email, app.DemoUsers.Single(u => u.Email == email).Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}
