using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.IntegrationTests.Data;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>The orders grid's keyset pages and capped count, on a real SQLite database.</summary>
public sealed class OrderGridPagingTests : CoreServiceTest
{
    [Theory]
    [InlineData(OrderSort.Newest)]
    [InlineData(OrderSort.Oldest)]
    [InlineData(OrderSort.TotalHighest)]
    [InlineData(OrderSort.TotalLowest)]
    public async Task Paging_forward_and_back_visits_every_order_once_in_the_sort(OrderSort sort)
    {
        var merchant = await PlaceOrdersAsync(quantities: [2, 1, 3, 1, 2, 2, 1]);
        var query = new OrderQuery { MerchantId = merchant, Sort = sort };
        var all = (await PageAsync(query, OrderPagePosition.First with { Size = 100 })).Items.Select(o => o.Id).ToList();
        Assert.Equal(7, all.Count);

        var pages = new List<OrderGridPage> { await PageAsync(query, OrderPagePosition.First with { Size = 3 }) };
        while (pages[^1].Next is { } next)
        {
            pages.Add(await PageAsync(query, new OrderPagePosition(After: next, Size: 3)));
        }

        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(all, pages.SelectMany(p => p.Items).Select(o => o.Id));
        Assert.Null(pages[0].Previous);
        Assert.NotNull(pages[1].Previous);

        var back = await PageAsync(query, new OrderPagePosition(Before: pages[2].Previous, Size: 3));
        Assert.Equal(pages[1].Items.Select(o => o.Id), back.Items.Select(o => o.Id));
        var first = await PageAsync(query, new OrderPagePosition(Before: back.Previous, Size: 3));
        Assert.Equal(pages[0].Items.Select(o => o.Id), first.Items.Select(o => o.Id));
        Assert.Null(first.Previous);
    }

    [Theory]
    [InlineData(OrderSort.Newest)]
    [InlineData(OrderSort.Oldest)]
    public async Task Several_statuses_page_forward_and_back_in_number_order_and_count_together(OrderSort sort)
    {
        var merchant = await PlaceOrdersAsync(quantities: [1, 1, 1, 1, 1, 1, 1, 1]);
        await SetStatusesAsync(merchant, [OrderStatus.Cancelled, OrderStatus.Failed, OrderStatus.Pending, OrderStatus.Cancelled,
            OrderStatus.Completed, OrderStatus.Failed, OrderStatus.Cancelled, OrderStatus.Pending]);
        var query = new OrderQuery { MerchantId = merchant, Sort = sort, Statuses = [OrderStatus.Failed, OrderStatus.Cancelled] };
        var numbers = (await PageAsync(new OrderQuery { MerchantId = merchant, Sort = sort }, OrderPagePosition.First with { Size = 100 })).Items
            .Where(o => o.Status is OrderStatus.Cancelled or OrderStatus.Failed).Select(o => o.Number).ToList();
        Assert.Equal(5, numbers.Count);

        var pages = new List<OrderGridPage> { await PageAsync(query, OrderPagePosition.First with { Size = 2 }) };
        while (pages[^1].Next is { } next)
        {
            pages.Add(await PageAsync(query, new OrderPagePosition(After: next, Size: 2)));
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(numbers, pages.SelectMany(p => p.Items).Select(o => o.Number));
        Assert.All(pages, p => Assert.Equal(new OrderCount(5, IsCapped: false), p.Count));
        var back = await PageAsync(query, new OrderPagePosition(Before: pages[2].Previous, Size: 2));
        Assert.Equal(pages[1].Items.Select(o => o.Number), back.Items.Select(o => o.Number));
        var first = await PageAsync(query, new OrderPagePosition(Before: back.Previous, Size: 2));
        Assert.Equal(pages[0].Items.Select(o => o.Number), first.Items.Select(o => o.Number));
        Assert.Null(first.Previous);
    }

    [Fact]
    public async Task A_page_keeps_its_orders_while_new_orders_arrive()
    {
        var merchant = await PlaceOrdersAsync(quantities: [1, 1, 1, 1, 1]);
        var query = new OrderQuery { MerchantId = merchant };
        var first = await PageAsync(query, OrderPagePosition.First with { Size = 2 });
        var second = await PageAsync(query, new OrderPagePosition(After: first.Next, Size: 2));

        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 5);
        var orders = new TestOrders(Host.Services);
        await orders.PlaceKeyOrderAsync(merchant, item.Id);
        await orders.PlaceKeyOrderAsync(merchant, item.Id);

        // The address of the second page (its key) shows the same orders as before, not ones pushed down by the new orders.
        var reloaded = await PageAsync(query, new OrderPagePosition(After: first.Next, Size: 2));
        Assert.Equal(second.Items.Select(o => o.Id), reloaded.Items.Select(o => o.Id));
        // Back from it is the page that was first, and the new orders wait on a page before that one.
        var back = await PageAsync(query, new OrderPagePosition(Before: reloaded.Previous, Size: 2));
        Assert.Equal(first.Items.Select(o => o.Id), back.Items.Select(o => o.Id));
        var start = await PageAsync(query, new OrderPagePosition(Before: back.Previous, Size: 2));
        Assert.Equal(2, start.Items.Count);
        Assert.DoesNotContain(start.Items, o => first.Items.Any(f => f.Id == o.Id));
        Assert.Null(start.Previous);
        Assert.Equal(7, start.Count.Value);
    }

    [Fact]
    public void A_page_key_reads_back_what_it_writes_and_only_for_its_own_kind_of_sort()
    {
        Assert.True(OrderPageKey.TryParse(new OrderPageKey(42).ToString(), OrderSort.Newest, out var byNumber));
        Assert.Equal(new OrderPageKey(42), byNumber);
        Assert.Equal("1250_42", new OrderPageKey(42, 1250).ToString());
        Assert.True(OrderPageKey.TryParse("1250_42", OrderSort.TotalLowest, out var byTotal));
        Assert.Equal(new OrderPageKey(42, 1250), byTotal);

        Assert.False(OrderPageKey.TryParse("1250_42", OrderSort.Newest, out _));
        Assert.False(OrderPageKey.TryParse("42", OrderSort.TotalHighest, out _));
        Assert.False(OrderPageKey.TryParse("MP-000042", OrderSort.Newest, out _));
        Assert.False(OrderPageKey.TryParse("", OrderSort.Newest, out _));
    }

    [Fact]
    public async Task The_count_is_exact_up_to_ten_thousand_and_capped_beyond()
    {
        var merchant = await PlaceOrdersAsync(quantities: [1, 2]);
        var query = new OrderQuery { MerchantId = merchant };
        Assert.Equal(new OrderCount(2, IsCapped: false), (await PageAsync(query, OrderPagePosition.First)).Count);

        await OrderCopies.AddAsync(Host.DatabasePath, OrderCount.Cap - 2);
        var atCap = (await PageAsync(query, OrderPagePosition.First)).Count;
        Assert.Equal(new OrderCount(OrderCount.Cap, IsCapped: false), atCap);
        Assert.Equal("10,000", atCap.ToString());

        await OrderCopies.AddAsync(Host.DatabasePath, 1);
        var beyond = await PageAsync(query, OrderPagePosition.First);
        Assert.Equal(new OrderCount(OrderCount.Cap, IsCapped: true), beyond.Count);
        Assert.Equal("10,000+", beyond.Count.ToString());
        Assert.Equal(OrderPagePosition.DefaultSize, beyond.Items.Count);
    }

    private async Task<Guid> PlaceOrdersAsync(int[] quantities)
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 1_000m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 1000, codes: 20);
        var orders = new TestOrders(Host.Services);
        foreach (var quantity in quantities)
        {
            await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, quantity);
        }

        return merchant.Id;
    }

    /// <summary>Gives the merchant's orders these statuses, oldest first (the grid reads them; how they got there does not matter here).</summary>
    private async Task SetStatusesAsync(Guid merchant, OrderStatus[] statuses)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var ids = await db.Orders.Where(o => o.MerchantId == merchant).OrderBy(o => o.Number).Select(o => o.Id).ToListAsync();
        foreach (var (id, status) in ids.Zip(statuses))
        {
            await db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, status));
        }
    }

    private Task<OrderGridPage> PageAsync(OrderQuery query, OrderPagePosition position) =>
        Host.Get<OrderQueries>().PageAsync(query, position, Actor.System);
}
