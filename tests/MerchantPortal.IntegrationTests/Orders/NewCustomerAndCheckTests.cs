using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>
/// The portal's "New customer" never joins an existing customer silently, while the API keeps create-or-find;
/// and a form can learn every problem with a request at once before placing it.
/// </summary>
public sealed class NewCustomerAndCheckTests : CoreServiceTest
{
    private static readonly string[] QuantityAndEmail = ["lines[0].quantity", "customer.email"];

    private OrderPlacementService Orders => Host.Get<OrderPlacementService>();

    [Fact]
    public async Task A_customer_that_must_be_new_is_refused_at_the_email_when_the_email_is_taken_and_nothing_is_written()
    {
        var (merchant, item) = await SetUpAsync();
        var amara = await CustomerAsync(merchant, "amara@example.test", "Amara Haddad");

        var placed = await Orders.PlaceAsync(Order(merchant, item, new CustomerRef(Email: "AMARA@example.test", Name: "A. Haddad", MustBeNew: true)), Merchant(merchant));

        Assert.Equal((CustomerErrors.ExistsCode, "customer.email", ErrorKind.Conflict), (placed.Error!.Code, placed.Error.Field, placed.Error.Kind));
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.False(await db.Orders.AnyAsync(o => o.MerchantId == merchant));
        Assert.Equal("Amara Haddad", (await db.Customers.SingleAsync(c => c.Id == amara.Id)).Name);
    }

    [Fact]
    public async Task A_taken_phone_is_refused_at_the_phone()
    {
        var (merchant, item) = await SetUpAsync();
        await Host.Get<CustomerService>().FindOrCreateAsync(merchant, new CustomerRef(Phone: "+447700900123"), TestCatalog.Admin);

        var placed = await Orders.PlaceAsync(Order(merchant, item, new CustomerRef(Phone: "+44 7700 900123", MustBeNew: true)), Merchant(merchant));

        Assert.Equal((CustomerErrors.ExistsCode, "customer.phone"), (placed.Error!.Code, placed.Error.Field));
    }

    [Fact]
    public async Task The_api_still_finds_the_existing_customer_by_email()
    {
        var (merchant, item) = await SetUpAsync();
        var amara = await CustomerAsync(merchant, "amara@example.test", "Amara Haddad");

        var placed = await Orders.PlaceAsync(Order(merchant, item, new CustomerRef(Email: "amara@example.test")), Merchant(merchant));

        Assert.Equal(amara.Id, placed.Value.Order.Customer.Id);
    }

    [Fact]
    public async Task The_customer_who_has_the_email_is_found_for_the_offer_without_changing_anything()
    {
        var (merchant, _) = await SetUpAsync();
        var amara = await CustomerAsync(merchant, "amara@example.test", "Amara Haddad");

        var taken = await Host.Get<CustomerService>().FindTakenAsync(merchant, new CustomerRef(Email: " Amara@Example.test ", MustBeNew: true), Merchant(merchant));
        var otherMerchant = await Host.Get<CustomerService>().FindTakenAsync(merchant, new CustomerRef(Email: "amara@example.test"), Merchant(Guid.NewGuid()));

        Assert.Equal((amara.Id, "Amara Haddad", "customer.email"), (taken!.Customer.Id, taken.Customer.DisplayName, taken.Field));
        Assert.Null(otherMerchant);
    }

    [Fact]
    public async Task The_check_reports_the_lines_and_the_customer_together_and_writes_nothing()
    {
        var (merchant, item) = await SetUpAsync();
        var request = new PlaceOrder(merchant, new CustomerRef(Email: "not-an-email", MustBeNew: true), [new PlaceOrderLine(item, 99)],
            PaymentChoice.Balance, OrderSource.Dashboard);

        var problems = await Orders.CheckAsync(request, Merchant(merchant));

        Assert.Equal(Error.ValidationFailedCode, problems!.Code);
        Assert.Equal(QuantityAndEmail, problems.Errors.Select(e => e.Field));
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.False(await db.Customers.AnyAsync(c => c.MerchantId == merchant));
    }

    [Fact]
    public async Task The_check_passes_a_request_that_replays_an_earlier_order_and_reports_a_reused_merchant_order_id_with_another_cart()
    {
        var (merchant, item) = await SetUpAsync();
        var first = new PlaceOrder(merchant, new CustomerRef(Email: "nia@example.test", MustBeNew: true), [new PlaceOrderLine(item, 1)],
            PaymentChoice.Balance, OrderSource.Dashboard, MerchantOrderId: "INV-1");
        Assert.True((await Orders.PlaceAsync(first, Merchant(merchant))).Succeeded);

        // The same cart again: its customer now exists, yet the request is a replay, not a taken email.
        var same = await Orders.CheckAsync(first with { IdempotencyKey = "another-form" }, Merchant(merchant));
        var other = await Orders.CheckAsync(first with { Lines = [new PlaceOrderLine(item, 2)] }, Merchant(merchant));

        Assert.Null(same);
        Assert.Contains(other!.Flatten(), e => e is { Code: "MERCHANT_ORDER_ID_CONFLICT", Field: "merchant_order_id" });
    }

    private async Task<(Guid Merchant, long Item)> SetUpAsync()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(codes: 5, maxQuantity: 5);
        return (merchant.Id, item.Id);
    }

    private async Task<CustomerSummary> CustomerAsync(Guid merchant, string email, string name) =>
        (await Host.Get<CustomerService>().FindOrCreateAsync(merchant, new CustomerRef(Email: email, Name: name), TestCatalog.Admin)).Value;

    private static PlaceOrder Order(Guid merchant, long item, CustomerRef customer) =>
        new(merchant, customer, [new PlaceOrderLine(item, 1)], PaymentChoice.Balance, OrderSource.Dashboard);

    private static Actor Merchant(Guid merchantId) => Actor.User("merchant-user", "merchant@test.example", merchantId, Roles.Merchant);
}
