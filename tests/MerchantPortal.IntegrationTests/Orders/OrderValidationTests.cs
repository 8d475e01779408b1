using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>A request is judged whole: every invalid field is reported at once, each at its own field.</summary>
public sealed class OrderValidationTests : CoreServiceTest
{
    private OrderPlacementService Orders => Host.Get<OrderPlacementService>();

    [Fact]
    public async Task An_order_with_three_bad_lines_reports_three_errors_with_their_fields()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(codes: 5, maxQuantity: 10);
        var topUp = await Host.Catalog.TopUpItemAsync();

        var placed = await Orders.PlaceAsync(Order(merchant.Id,
            new PlaceOrderLine(key.Id, 1),
            new PlaceOrderLine(key.Id, 11),
            new PlaceOrderLine(999_999, 1),
            new PlaceOrderLine(topUp.Id, 25m, new Dictionary<string, string?> { ["phone_number"] = "+447700900123", ["network"] = "9" })),
            Merchant(merchant.Id));

        var error = placed.Error!;
        Assert.Equal(Error.ValidationFailedCode, error.Code);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("The request has 3 invalid fields.", error.Message);
        Assert.Equal(
            [("QUANTITY_OUT_OF_RANGE", "lines[1].quantity"), ("ITEM_NOT_FOUND", "lines[2].item_id"), ("CHOICE_INVALID", "lines[3].fields.network")],
            error.Errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public async Task A_line_reports_its_quantity_and_every_field_at_once_and_state_rules_join_the_list()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var topUp = await Host.Catalog.TopUpItemAsync();
        var retired = await Host.Catalog.KeyItemAsync(codes: 1);
        await Host.Get<CatalogService>().SetActiveAsync(retired.Id, false, TestCatalog.Admin);

        var placed = await Orders.PlaceAsync(Order(merchant.Id,
            new PlaceOrderLine(topUp.Id, 27m, new Dictionary<string, string?> { ["network"] = "9", ["pin"] = "1234" }),
            new PlaceOrderLine(retired.Id, 1)),
            Merchant(merchant.Id));

        Assert.Equal(
            ["lines[0].quantity", "lines[0].fields.pin", "lines[0].fields.phone_number", "lines[0].fields.network", "lines[1].item_id"],
            placed.Error!.Errors.Select(e => e.Field));
        Assert.Equal(ErrorKind.Rule, placed.Error.Errors[^1].Kind);
    }

    [Fact]
    public async Task Every_problem_with_the_orders_own_fields_is_reported_at_once()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(codes: 5);

        var placed = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 1)) with
        {
            MerchantOrderId = new string('m', 101),
            ExternalReference = new string('x', 101),
            Notes = new string('n', 2001),
        }, Merchant(merchant.Id));

        Assert.Equal(["merchant_order_id", "external_reference", "notes"], placed.Error!.Errors.Select(e => e.Field));
        Assert.Contains(placed.Error.Errors, e => e.Code == "EXTERNAL_REFERENCE_TOO_LONG");
    }

    [Fact]
    public async Task One_invalid_field_is_reported_as_itself()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(codes: 5, maxQuantity: 10);

        var placed = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 11)), Merchant(merchant.Id));

        Assert.Equal("QUANTITY_OUT_OF_RANGE", placed.Error!.Code);
        Assert.Equal("lines[0].quantity", placed.Error.Field);
        Assert.Empty(placed.Error.Errors);
    }

    [Fact]
    public async Task The_external_reference_is_kept_and_is_part_of_what_makes_a_request_the_same()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 5);
        var request = Order(merchant.Id, new PlaceOrderLine(key.Id, 1)) with { MerchantOrderId = "shop-1", ExternalReference = " INV-2026-0042 " };

        var first = await Orders.PlaceAsync(request, Merchant(merchant.Id));
        var again = await Orders.PlaceAsync(request with { ExternalReference = "INV-2026-0042" }, Merchant(merchant.Id));
        var different = await Orders.PlaceAsync(request with { ExternalReference = "INV-2026-0043" }, Merchant(merchant.Id));

        Assert.Equal("INV-2026-0042", first.Value.Order.Order.ExternalReference);
        Assert.True(again.Value.Replayed);
        Assert.Equal("MERCHANT_ORDER_ID_CONFLICT", different.Error!.Code);
        Assert.Equal(ErrorKind.Conflict, different.Error.Kind);
    }

    private static Actor Merchant(Guid merchantId) => Actor.User("merchant-user", "merchant@test.example", merchantId, Roles.Merchant);

    private static PlaceOrder Order(Guid merchantId, params PlaceOrderLine[] lines) =>
        new(merchantId, new CustomerRef(Email: "customer@test.example"), lines, PaymentChoice.Balance, OrderSource.Dashboard);
}
