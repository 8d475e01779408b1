using MerchantPortal.Identity;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Ledger;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Orders;

public sealed class OrderPlacementTests : CoreServiceTest
{
    private OrderPlacementService Orders => Host.Get<OrderPlacementService>();

    [Fact]
    public async Task A_balance_order_is_priced_paid_and_queued_for_fulfilment_in_one_go()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m, feeBps: 250, taxBps: 1000);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1999, codes: 5);

        var placed = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 3)), Merchant(merchant.Id));

        Assert.True(placed.Succeeded, placed.Error?.Message);
        var order = placed.Value.Order.Order;
        // 3 × 19.99 = 59.97; fee 2.5% = 1.49925 → 1.50; tax 10% = 5.997 → 6.00
        Assert.Equal(5997, order.SubtotalMinor);
        Assert.Equal(150, order.FeeMinor);
        Assert.Equal(600, order.TaxMinor);
        Assert.Equal(6747, order.TotalMinor);
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(PaymentStatus.Paid, order.PaymentStatus);
        Assert.Equal(new Monetary.Money(10_000 - 6747, Monetary.Currency.Of("USD")), await Host.Get<LedgerService>().GetBalanceAsync(merchant.Id, Actor.System));
        await using var db = await Db();
        Assert.Equal(1, await db.OutboxJobs.CountAsync(j => j.Payload == order.Id.ToString()));
        Assert.Matches("^MP-\\d{6}$", order.Reference);
    }

    [Fact]
    public async Task A_top_up_is_priced_at_its_rate_and_keeps_the_choice_name()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var topUp = await Host.Catalog.TopUpItemAsync(rateBps: 10_250);

        var placed = await Orders.PlaceAsync(Order(merchant.Id,
            new PlaceOrderLine(topUp.Id, 25.00m, new Dictionary<string, string?> { ["phone_number"] = "+447700900123", ["network"] = "2" })),
            Merchant(merchant.Id));

        var line = placed.Value.Order.Order.Lines.Single();
        Assert.Equal(2500, line.FaceValueMinor);
        Assert.Equal(2562, line.SubtotalMinor); // 2500 × 1.025 = 2562.5 minor units, half to even → 2562
        Assert.Equal("Orange", line.Fields.Single(f => f.Key == "network").Display);
    }

    public static TheoryData<string, decimal?, string, string> InvalidKeyQuantities() => new()
    {
        { "fraction", 1.5m, "QUANTITY_INVALID", "lines[0].quantity" },
        { "zero", 0m, "QUANTITY_OUT_OF_RANGE", "lines[0].quantity" },
        { "above max", 101m, "QUANTITY_OUT_OF_RANGE", "lines[0].quantity" },
    };

    [Theory]
    [MemberData(nameof(InvalidKeyQuantities))]
    public async Task Key_quantities_must_be_whole_and_within_bounds(string why, decimal? quantity, string code, string field)
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(codes: 1);

        var placed = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, quantity)), Merchant(merchant.Id));

        Assert.False(placed.Succeeded, why);
        Assert.Equal(code, placed.Error!.Code);
        Assert.Equal(field, placed.Error.Field);
        await AssertNothingWrittenAsync(merchant.Id, 10_000);
    }

    public static TheoryData<decimal?, Dictionary<string, string?>, string, string> InvalidTopUps() => new()
    {
        { null, Fields("+447700900123", "1"), "AMOUNT_REQUIRED", "lines[0].quantity" },
        { 25.005m, Fields("+447700900123", "1"), "AMOUNT_INVALID", "lines[0].quantity" },
        { 2m, Fields("+447700900123", "1"), "AMOUNT_OUT_OF_RANGE", "lines[0].quantity" },
        { 27m, Fields("+447700900123", "1"), "AMOUNT_STEP", "lines[0].quantity" },
        { 25m, Fields(null, "1"), "FIELD_REQUIRED", "lines[0].fields.phone_number" },
        { 25m, Fields("07700 900123", "1"), "FIELD_INVALID", "lines[0].fields.phone_number" },
        { 25m, Fields("+447700900123", "9"), "CHOICE_INVALID", "lines[0].fields.network" },
        { 25m, Fields("+447700900123", "Orange"), "CHOICE_INVALID", "lines[0].fields.network" },
        { 25m, new Dictionary<string, string?> { ["phone_number"] = "+447700900123", ["network"] = "1", ["pin"] = "1234" }, "FIELD_UNKNOWN", "lines[0].fields.pin" },
    };

    [Theory]
    [MemberData(nameof(InvalidTopUps))]
    public async Task Top_up_amounts_and_fields_are_checked(decimal? amount, Dictionary<string, string?> fields, string code, string field)
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var topUp = await Host.Catalog.TopUpItemAsync();

        var placed = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(topUp.Id, amount, fields)), Merchant(merchant.Id));

        Assert.Equal(code, placed.Error?.Code);
        Assert.Equal(field, placed.Error!.Field);
        await AssertNothingWrittenAsync(merchant.Id, 10_000);
    }

    [Fact]
    public async Task A_service_is_always_ordered_once()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var service = await Host.Catalog.ServiceItemAsync();

        var twice = await Orders.PlaceAsync(Order(merchant.Id,
            new PlaceOrderLine(service.Id, 2, new Dictionary<string, string?> { ["account_id"] = "A-1" })), Merchant(merchant.Id));
        var once = await Orders.PlaceAsync(Order(merchant.Id,
            new PlaceOrderLine(service.Id, null, new Dictionary<string, string?> { ["account_id"] = "A-1" })), Merchant(merchant.Id));

        Assert.Equal("QUANTITY_INVALID", twice.Error!.Code);
        Assert.True(once.Succeeded, once.Error?.Message);
        Assert.Equal(1, once.Value.Order.Order.Lines.Single().Units);
    }

    [Fact]
    public async Task Unknown_and_inactive_items_are_refused()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(codes: 1);
        await Host.Get<CatalogService>().SetActiveAsync(key.Id, false, TestCatalog.Admin);

        var unknown = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(999_999, 1)), Merchant(merchant.Id));
        var inactive = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 1)), Merchant(merchant.Id));

        Assert.Equal("ITEM_NOT_FOUND", unknown.Error!.Code);
        Assert.Equal("ITEM_INACTIVE", inactive.Error!.Code);
        await AssertNothingWrittenAsync(merchant.Id, 10_000);
    }

    [Fact]
    public async Task Too_little_balance_refuses_the_order_and_changes_nothing()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 10m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 600, codes: 5);

        var placed = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 2), email: "new@customer.test"), Merchant(merchant.Id));

        Assert.Equal("INSUFFICIENT_BALANCE", placed.Error!.Code);
        await AssertNothingWrittenAsync(merchant.Id, 1000);
        await using var db = await Db();
        Assert.False(await db.Customers.AnyAsync(c => c.MerchantId == merchant.Id), "The new customer must not be created either.");
    }

    [Fact]
    public async Task A_balance_in_another_currency_cannot_pay()
    {
        var merchant = await Host.Catalog.MerchantAsync(currency: "EUR", balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(currency: "USD", codes: 1);

        var placed = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 1)), Merchant(merchant.Id));

        Assert.Equal("CURRENCY_MISMATCH", placed.Error!.Code);
    }

    [Fact]
    public async Task A_merchant_user_cannot_order_for_another_merchant()
    {
        var mine = await Host.Catalog.MerchantAsync(balance: 100m);
        var theirs = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(codes: 1);

        var placed = await Orders.PlaceAsync(Order(theirs.Id, new PlaceOrderLine(key.Id, 1)), Merchant(mine.Id));

        Assert.Equal("MERCHANT_NOT_ALLOWED", placed.Error!.Code);
        await AssertNothingWrittenAsync(theirs.Id, 10_000);
    }

    [Fact]
    public async Task The_same_merchant_order_id_with_the_same_body_replays_the_original_order()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 5);
        var request = Order(merchant.Id, new PlaceOrderLine(key.Id, 1)) with { MerchantOrderId = "shop-1001" };

        var first = await Orders.PlaceAsync(request, Merchant(merchant.Id));
        var again = await Orders.PlaceAsync(request with { Lines = [new PlaceOrderLine(key.Id, 1.0m)] }, Merchant(merchant.Id));

        Assert.False(first.Value.Replayed);
        Assert.True(again.Value.Replayed);
        Assert.Equal(first.Value.Order.Order.Id, again.Value.Order.Order.Id);
        Assert.Equal(new Monetary.Money(9000, Monetary.Currency.Of("USD")), await Host.Get<LedgerService>().GetBalanceAsync(merchant.Id, Actor.System));
    }

    [Fact]
    public async Task A_resend_whose_merchant_order_id_or_idempotency_key_has_stray_spaces_is_a_replay_not_a_conflict()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 5);
        var request = Order(merchant.Id, new PlaceOrderLine(key.Id, 1)) with { MerchantOrderId = "shop-2001", IdempotencyKey = "k-2001" };

        var first = await Orders.PlaceAsync(request, Merchant(merchant.Id));
        var spaced = await Orders.PlaceAsync(request with { MerchantOrderId = "shop-2001 ", IdempotencyKey = " k-2001" }, Merchant(merchant.Id));

        Assert.True(spaced.Succeeded, spaced.Error?.Code);
        Assert.True(spaced.Value.Replayed);
        Assert.Equal(first.Value.Order.Order.Id, spaced.Value.Order.Order.Id);
        Assert.Equal(new Monetary.Money(9000, Monetary.Currency.Of("USD")), await Host.Get<LedgerService>().GetBalanceAsync(merchant.Id, Actor.System));
    }

    [Fact]
    public async Task The_same_merchant_order_id_with_a_different_body_is_a_conflict()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 5);
        var request = Order(merchant.Id, new PlaceOrderLine(key.Id, 1)) with { MerchantOrderId = "shop-1002" };
        await Orders.PlaceAsync(request, Merchant(merchant.Id));

        var different = await Orders.PlaceAsync(request with { Lines = [new PlaceOrderLine(key.Id, 2)] }, Merchant(merchant.Id));

        Assert.Equal("MERCHANT_ORDER_ID_CONFLICT", different.Error!.Code);
        Assert.Equal(new Monetary.Money(9000, Monetary.Currency.Of("USD")), await Host.Get<LedgerService>().GetBalanceAsync(merchant.Id, Actor.System));
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_a_different_request_is_a_conflict()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 5);
        var request = Order(merchant.Id, new PlaceOrderLine(key.Id, 1)) with { IdempotencyKey = "idem-1" };

        var first = await Orders.PlaceAsync(request, Merchant(merchant.Id));
        var same = await Orders.PlaceAsync(request, Merchant(merchant.Id));
        var different = await Orders.PlaceAsync(request with { Notes = "changed" }, Merchant(merchant.Id));

        Assert.Equal(first.Value.Order.Order.Id, same.Value.Order.Order.Id);
        Assert.True(same.Value.Replayed);
        Assert.Equal("IDEMPOTENCY_KEY_CONFLICT", different.Error!.Code);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_merchant_order_id_create_one_order_and_charge_once()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 5);
        var request = Order(merchant.Id, new PlaceOrderLine(key.Id, 1), email: "race@customer.test") with { MerchantOrderId = "shop-race" };

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Orders.PlaceAsync(request, Merchant(merchant.Id)))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Single(results.Select(r => r.Value.Order.Order.Id).Distinct());
        Assert.Single(results, r => !r.Value.Replayed);
        await using var db = await Db();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.MerchantId == merchant.Id));
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.MerchantId == merchant.Id && e.Kind == LedgerEntryKind.OrderCharge));
        Assert.Equal(1, await db.Customers.CountAsync(c => c.MerchantId == merchant.Id));
    }

    [Fact]
    public async Task Customers_are_found_again_by_email_or_phone()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 5);

        var first = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 1), email: "Ann@Example.test", name: "Ann"), Merchant(merchant.Id));
        var byEmail = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 1), email: "ann@example.test", phone: "+44 7700 900123"), Merchant(merchant.Id));
        var byPhone = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 1), email: null, phone: "+447700900123"), Merchant(merchant.Id));

        var customerId = first.Value.Order.Customer.Id;
        Assert.Equal(customerId, byEmail.Value.Order.Customer.Id);
        Assert.Equal(customerId, byPhone.Value.Order.Customer.Id);
        Assert.Equal("+447700900123", byPhone.Value.Order.Customer.Phone);
    }

    [Fact]
    public async Task A_customer_needs_an_email_or_a_valid_phone()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(codes: 1);

        var none = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 1), email: null), Merchant(merchant.Id));
        var badPhone = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 1), email: null, phone: "12"), Merchant(merchant.Id));

        Assert.Equal("CUSTOMER_REQUIRED", none.Error!.Code);
        Assert.Equal("CUSTOMER_PHONE_INVALID", badPhone.Error!.Code);
    }

    [Fact]
    public async Task Cancelling_a_pending_balance_order_returns_the_money_and_stops_fulfilment()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 2500, codes: 5);
        var placed = await Orders.PlaceAsync(Order(merchant.Id, new PlaceOrderLine(key.Id, 1)), Merchant(merchant.Id));

        var cancelled = await Host.Get<OrderCancellationService>().CancelAsync(placed.Value.Order.Order.Id, "Wrong item", Merchant(merchant.Id));
        await Host.DrainJobsAsync();

        Assert.Equal(OrderStatus.Cancelled, cancelled.Value.Order.Status);
        Assert.Equal(PaymentStatus.Refunded, cancelled.Value.Order.PaymentStatus);
        Assert.Equal(new Monetary.Money(10_000, Monetary.Currency.Of("USD")), await Host.Get<LedgerService>().GetBalanceAsync(merchant.Id, Actor.System));
        var after = await Host.Get<OrderQueries>().GetAsync(placed.Value.Order.Order.Id, Merchant(merchant.Id));
        Assert.Equal(OrderStatus.Cancelled, after!.Order.Status);
        Assert.Empty(after.CodesByLine);
        Assert.Equal("ORDER_NOT_CANCELLABLE", (await Host.Get<OrderCancellationService>().CancelAsync(after.Order.Id, null, Merchant(merchant.Id))).Error!.Code);
    }

    private static Dictionary<string, string?> Fields(string? phone, string? network) => new() { ["phone_number"] = phone, ["network"] = network };

    private static Actor Merchant(Guid merchantId) => Actor.User("merchant-user", "merchant@test.example", merchantId, Roles.Merchant);

    private static PlaceOrder Order(Guid merchantId, PlaceOrderLine line, string? email = "customer@test.example", string? phone = null, string? name = null) =>
        new(merchantId, new CustomerRef(Email: email, Phone: phone, Name: name), [line], PaymentChoice.Balance, OrderSource.Dashboard);

    private async Task AssertNothingWrittenAsync(Guid merchantId, long expectedBalanceMinor)
    {
        await using var db = await Db();
        Assert.False(await db.Orders.AnyAsync(o => o.MerchantId == merchantId));
        Assert.False(await db.LedgerEntries.AnyAsync(e => e.MerchantId == merchantId && e.Kind == LedgerEntryKind.OrderCharge));
        Assert.Equal(expectedBalanceMinor, await db.MerchantBalances.Where(b => b.MerchantId == merchantId).Select(b => b.AvailableMinor).SingleAsync());
    }

    private Task<PortalDb> Db() => Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
}
