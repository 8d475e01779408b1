using MerchantPortal.Auditing;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.Data.Sqlite;

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

        await CopyOrdersAsync(OrderCount.Cap - 2);
        var atCap = (await PageAsync(query, OrderPagePosition.First)).Count;
        Assert.Equal(new OrderCount(OrderCount.Cap, IsCapped: false), atCap);
        Assert.Equal("10,000", atCap.ToString());

        await CopyOrdersAsync(1);
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

    private Task<OrderGridPage> PageAsync(OrderQuery query, OrderPagePosition position) =>
        Host.Get<OrderQueries>().PageAsync(query, position, Actor.System);

    /// <summary>Adds copies of the newest order with numbers above every other (placing ten thousand orders would take minutes).</summary>
    private async Task CopyOrdersAsync(int copies)
    {
        await using var connection = new SqliteConnection($"Data Source={Host.DatabasePath}");
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('Orders')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        long highest;
        await using (var max = connection.CreateCommand())
        {
            max.CommandText = "SELECT MAX(Number) FROM Orders";
            highest = (long)(await max.ExecuteScalarAsync())!;
        }

        var replaced = new Dictionary<string, string>
        {
            ["Id"] = $"printf('00000000-0000-4000-8000-%012X', {highest} + n)",
            ["Number"] = $"{highest} + n",
            ["MerchantOrderId"] = "NULL",
            ["IdempotencyKey"] = "NULL",
        };
        var values = columns.Select(c => replaced.TryGetValue(c, out var expression) ? expression : $"o.\"{c}\"");
        await using var copy = connection.CreateCommand();
        copy.CommandText =
            $"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {copies}) " +
            $"INSERT INTO Orders ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"SELECT {string.Join(", ", values)} FROM k, (SELECT * FROM Orders ORDER BY Number DESC LIMIT 1) o";
        await copy.ExecuteNonQueryAsync();
    }
}
