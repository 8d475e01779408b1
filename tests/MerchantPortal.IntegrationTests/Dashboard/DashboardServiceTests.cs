using MerchantPortal.Identity;
using MerchantPortal.Approvals;
using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Dashboard;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.IntegrationTests.Dashboard;

public sealed class DashboardServiceTests : CoreServiceTest
{
    private static readonly Actor Support = Actor.User("s", "s@test", null, Roles.Support);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected override Task<CoreTestHost> StartHostAsync() =>
        CoreTestHost.StartAsync(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task Today_counts_orders_and_revenue_and_lists_partial_orders_for_attention()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var other = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 3);
        var actor = MerchantUser(merchant.Id);
        await PlaceAsync(merchant.Id, key.Id, 2, actor);
        await PlaceAsync(merchant.Id, key.Id, 2, actor); // only one code left: ends partial
        await PlaceAsync(other.Id, key.Id, 1, MerchantUser(other.Id));
        await Host.DrainJobsAsync();

        var figures = await Host.Get<DashboardService>().GetAsync(actor);

        Assert.Equal(30, figures.Days.Count);
        Assert.Equal(2, figures.Today.Orders);
        Assert.Equal(4000, figures.Today.Revenue["USD"]);
        var attention = Assert.Single(figures.NeedsAttention);
        Assert.Equal(new OrderCount(1, IsCapped: false), figures.NeedsAttentionCount);
        Assert.Equal(OrderStatus.Partial, attention.Status);
        Assert.Equal(1, attention.UndeliveredUnits);
        Assert.Equal(0, figures.Today.Refunds);
        Assert.Empty(figures.Refunded);

        var everyone = await Host.Get<DashboardService>().GetAsync(Actor.System);
        Assert.Equal(3, everyone.Today.Orders);
    }

    [Fact]
    public async Task Refunds_count_with_their_amount_in_the_merchants_currency_and_only_for_that_merchant()
    {
        var dollars = await Host.Catalog.MerchantAsync(balance: 100m);
        var euros = await Host.Catalog.MerchantAsync("EUR", balance: 100m);
        var dollarKey = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 1);
        var euroKey = await Host.Catalog.KeyItemAsync(unitPriceMinor: 700, codes: 1, currency: "EUR");
        var dollarOrder = await PlaceAsync(dollars.Id, dollarKey.Id, 3, MerchantUser(dollars.Id)); // 1 delivered, 2 left
        var euroOrder = await PlaceAsync(euros.Id, euroKey.Id, 2, MerchantUser(euros.Id)); // 1 delivered, 1 left
        await Host.DrainJobsAsync();

        await RefundRemainingAsync(dollarOrder.Order.Id);
        await RefundRemainingAsync(euroOrder.Order.Id);

        var dashboard = Host.Get<DashboardService>();
        var merchantView = await dashboard.GetAsync(MerchantUser(dollars.Id));
        Assert.Equal(1, merchantView.Today.Refunds);
        Assert.Equal(new Dictionary<string, long> { ["USD"] = 2000 }, merchantView.Today.Refunded);
        Assert.Equal(1, merchantView.Refunds);
        Assert.Equal(new Dictionary<string, long> { ["USD"] = 2000 }, merchantView.Refunded);

        var staffView = await dashboard.GetAsync(Support);
        Assert.Equal(2, staffView.Today.Refunds);
        Assert.Equal(new Dictionary<string, long> { ["EUR"] = 700, ["USD"] = 2000 }, staffView.Refunded);
    }

    [Fact]
    public async Task A_refund_counts_on_the_day_it_succeeds_and_only_within_the_window()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 500m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000);

        await PlacePartialAndRefundAsync(merchant.Id, key.Id); // 40 days before the dashboard is read: outside its 30 days
        _clock.Advance(TimeSpan.FromDays(39));
        await PlacePartialAndRefundAsync(merchant.Id, key.Id); // yesterday
        _clock.Advance(TimeSpan.FromDays(1));
        await PlacePartialAndRefundAsync(merchant.Id, key.Id); // today

        var figures = await Host.Get<DashboardService>().GetAsync(MerchantUser(merchant.Id));

        Assert.Equal(1, figures.Today.Refunds);
        Assert.Equal(1000, figures.Today.Refunded["USD"]);
        Assert.Equal(1, figures.Days[^2].Refunds);
        Assert.Equal(2, figures.Refunds);
        Assert.Equal(2000, figures.Refunded["USD"]);
    }

    [Fact]
    public async Task A_refund_waiting_for_approval_counts_only_once_it_is_approved()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        await Host.Get<MerchantService>().UpdateRefundSettingsAsync(merchant.Id,
            MerchantRefundSettings.Default with { ApprovalThresholdMinor = 0 }, TestCatalog.Admin);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 1);
        var order = await PlaceAsync(merchant.Id, key.Id, 2, MerchantUser(merchant.Id));
        await Host.DrainJobsAsync();
        var refund = await RefundRemainingAsync(order.Order.Id);
        Assert.Equal(RefundStatus.PendingApproval, refund.Status);
        var dashboard = Host.Get<DashboardService>();

        Assert.Equal(0, (await dashboard.GetAsync(Support)).Today.Refunds);

        var approvals = Host.Get<ApprovalService>();
        var approval = Assert.Single(await approvals.ListPendingAsync(Support));
        var approved = await approvals.ApproveAsync(approval.Id, Actor.User("s2", "s2@test", null, Roles.Support));
        Assert.True(approved.Succeeded, approved.Error?.Message);

        var figures = await dashboard.GetAsync(Support);
        Assert.Equal(1, figures.Today.Refunds);
        Assert.Equal(1000, figures.Today.Refunded["USD"]);
    }

    [Fact]
    public async Task A_chosen_period_is_compared_with_the_same_number_of_days_before_it()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 500m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 10);
        var actor = MerchantUser(merchant.Id);
        await PlaceAsync(merchant.Id, key.Id, 1, actor); // 22 November: in the previous period
        _clock.Advance(TimeSpan.FromDays(10)); // 2 December: in the period
        await PlaceAsync(merchant.Id, key.Id, 1, actor);
        await PlaceAsync(merchant.Id, key.Id, 2, actor);
        _clock.Advance(TimeSpan.FromDays(7));

        var figures = (await Host.Get<DashboardService>().GetAsync(actor, new DashboardPeriod(new(2026, 11, 28), new(2026, 12, 7)), TimeZoneInfo.Utc)).Value;

        Assert.Equal(10, figures.Days.Count);
        Assert.Equal(new DateOnly(2026, 11, 18), figures.PreviousDays[0].Day);
        Assert.Equal(2, figures.Totals.Orders);
        Assert.Equal(3000, figures.Totals.Revenue["USD"]);
        Assert.Equal(1, figures.PreviousTotals.Orders);
        Assert.Equal(1000, figures.PreviousTotals.Revenue["USD"]);
        Assert.Equal(new DateOnly(2026, 12, 9), figures.Today.Day);
    }

    [Fact]
    public async Task Days_are_the_viewers_days_in_their_time_zone()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 500m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 10);
        var actor = MerchantUser(merchant.Id);
        // 23:30 UTC on 22 November is already 23 November in Tokyo (UTC+9).
        _clock.Advance(TimeSpan.FromHours(11.5));
        await PlaceAsync(merchant.Id, key.Id, 1, actor);
        _clock.Advance(TimeSpan.FromHours(1.5));
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var dashboard = Host.Get<DashboardService>();

        var inTokyo = (await dashboard.GetAsync(actor, DashboardPeriod.LastDays(new(2026, 11, 23), 7), tokyo)).Value;
        var inUtc = (await dashboard.GetAsync(actor, DashboardPeriod.LastDays(new(2026, 11, 23), 7), TimeZoneInfo.Utc)).Value;

        Assert.Equal(1, inTokyo.Today.Orders);
        Assert.Equal(0, inUtc.Today.Orders);
        Assert.Equal(1, inUtc.Days[^2].Orders);
    }

    [Theory]
    [InlineData(2026, 11, 20, 2026, 11, 10, "PERIOD_INVALID")]
    [InlineData(2025, 1, 1, 2026, 11, 20, "PERIOD_TOO_LONG")]
    public async Task An_impossible_period_is_refused_with_a_reason(int fy, int fm, int fd, int ty, int tm, int td, string code)
    {
        var figures = await Host.Get<DashboardService>().GetAsync(Support, new DashboardPeriod(new(fy, fm, fd), new(ty, tm, td)), TimeZoneInfo.Utc);

        Assert.Equal(code, figures.Error?.Code);
    }

    [Fact]
    public async Task Staff_see_revenue_and_refunds_per_currency_never_added_across_currencies()
    {
        var dollars = await Host.Catalog.MerchantAsync(balance: 100m);
        var euros = await Host.Catalog.MerchantAsync(currency: "EUR", balance: 100m);
        var usdKey = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 5);
        var eurKey = await Host.Catalog.KeyItemAsync(unitPriceMinor: 2500, codes: 5, currency: "EUR");
        await PlaceAsync(dollars.Id, usdKey.Id, 2, MerchantUser(dollars.Id));
        await PlaceAsync(euros.Id, eurKey.Id, 1, MerchantUser(euros.Id));
        await PlaceAsync(euros.Id, eurKey.Id, 2, MerchantUser(euros.Id));
        await PlacePartialAndRefundAsync(euros.Id, (await Host.Catalog.KeyItemAsync(unitPriceMinor: 700, currency: "EUR")).Id);
        await Host.DrainJobsAsync();

        var figures = await Host.Get<DashboardService>().GetAsync(Support);

        Assert.Equal(4, figures.Today.Orders);
        // The partial euro order was paid 14.00 and got 7.00 back: its revenue is what was kept.
        Assert.Equal("EUR 8200, USD 2000", Amounts(figures.Today.Revenue));
        Assert.Equal("EUR 700", Amounts(figures.Today.Refunded));
        Assert.Equal("EUR 8200, USD 2000", Amounts(figures.Totals.Revenue));
        var dollarsOnly = await Host.Get<DashboardService>().GetAsync(MerchantUser(dollars.Id));
        Assert.Equal("USD 2000", Amounts(dollarsOnly.Today.Revenue));
    }

    [Fact]
    public async Task Staff_see_the_merchant_of_each_order_needing_attention()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 1);
        await PlaceAsync(merchant.Id, key.Id, 2, MerchantUser(merchant.Id));
        await Host.DrainJobsAsync();

        var figures = await Host.Get<DashboardService>().GetAsync(Support);

        Assert.Equal(merchant.Name, Assert.Single(figures.NeedsAttention).MerchantName);
    }

    private static string Amounts(IReadOnlyDictionary<string, long> perCurrency) =>
        string.Join(", ", perCurrency.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}"));

    private static Actor MerchantUser(Guid merchantId) => Actor.User($"m-{merchantId:N}", "m@test.example", merchantId, Roles.Merchant);

    /// <summary>An order of two units with one in stock (it ends partial), and a refund of the unit left.</summary>
    private async Task PlacePartialAndRefundAsync(Guid merchantId, long itemId)
    {
        await Host.Catalog.AddCodesAsync(itemId, 1);
        var order = await PlaceAsync(merchantId, itemId, 2, MerchantUser(merchantId));
        await Host.DrainJobsAsync();
        Assert.Equal(RefundStatus.Succeeded, (await RefundRemainingAsync(order.Order.Id)).Status);
    }

    private async Task<Refund> RefundRemainingAsync(Guid orderId)
    {
        var requested = await Host.Get<RefundService>().RequestAsync(new RequestRefund(orderId, null, null, RefundReason.Undelivered), Support);
        Assert.True(requested.Succeeded, requested.Error?.Message);
        return requested.Value.Refund;
    }

    private async Task<OrderDetails> PlaceAsync(Guid merchantId, long itemId, int units, Actor actor)
    {
        var placed = await Host.Get<OrderPlacementService>().PlaceAsync(new PlaceOrder(merchantId, new CustomerRef(Email: "c@test.example"),
            [new PlaceOrderLine(itemId, units)], PaymentChoice.Balance, OrderSource.Dashboard), actor);
        Assert.True(placed.Succeeded, placed.Error?.Message);
        return placed.Value.Order;
    }
}
