using System.Globalization;
using System.Runtime.CompilerServices;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Refunds;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// Reads orders: the filtered, sorted, paged list (by page number for the portal's grid, by cursor for the
/// API); the same list streamed for export; one order in full. A merchant actor only ever sees its own
/// merchant's orders.
/// </summary>
public sealed class OrderQueries(IDbContextFactory<PortalDb> dbs)
{
    public async Task<Page<OrderSummary>> SearchAsync(OrderQuery query, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var orders = Filter(db, query, actor);
        var total = await orders.CountAsync(ct);
        var page = await Summaries(db, Sort(orders, query.Sort)
                .Skip(Math.Max(0, query.Page) * query.PageSize)
                .Take(query.PageSize))
            .ToListAsync(ct);
        return new Page<OrderSummary>(page, total);
    }

    /// <summary>
    /// A page of the orders grid by keyset: the rows after (or before) a row of the previous (or next) page in the
    /// query's sort, so a page stays the same while new orders arrive and a deep page costs what the first does.
    /// The count stops at <see cref="OrderCount.Cap"/>: past that an exact figure would read every matching order.
    /// </summary>
    public async Task<OrderGridPage> PageAsync(OrderQuery query, OrderPagePosition position, Actor actor, CancellationToken ct = default)
    {
        var size = Math.Clamp(position.Size, 1, OrderPagePosition.MaxSize);
        var byTotal = SortsByTotal(query.Sort);
        // A key written for another sort (a number where a total is needed, or the other way round) opens the first page.
        var after = position.After is { } a && (a.TotalMinor is not null) == byTotal ? a : (OrderPageKey?)null;
        var before = after is null && position.Before is { } b && (b.TotalMinor is not null) == byTotal ? b : (OrderPageKey?)null;

        await using var db = await dbs.CreateDbContextAsync(ct);
        var backwards = before is not null;
        var key = after ?? before;
        var (counted, rows) = await (ReadsStatusByStatus(query)
            ? ReadStatusByStatusAsync(db, query, actor, key, backwards, size + 1, ct)
            : ReadPageAsync(db, query, actor, key, backwards, size + 1, ct));
        var count = OrderCount.Of(counted);
        var more = rows.Count > size;
        var items = rows.Take(size).ToList();
        if (backwards)
        {
            if (!more)
            {
                // Back at the start: show a full first page (new orders may have arrived since the page was read).
                return await PageAsync(query, OrderPagePosition.First with { Size = size }, actor, ct);
            }

            items.Reverse();
        }

        OrderPageKey Key(OrderSummary order) => OrderPageKey.Of(order, query.Sort);
        var previous = backwards ? Key(items[0]) : after is { } from ? (items.Count > 0 ? Key(items[0]) : from) : (OrderPageKey?)null;
        var next = (backwards || more) && items.Count > 0 ? Key(items[^1]) : (OrderPageKey?)null;
        return new OrderGridPage(items, previous, next, count);
    }

    /// <summary>
    /// One grid page's rows (up to <paramref name="take"/>) after <paramref name="key"/>, and their count up to the cap.
    /// Customer text is counted on its selective plan (each alternative from its own index, no sort, stopping at the
    /// cap), and that count picks the page's plan: past BroadSearchOrders the page walks the sort's index instead.
    /// Other filters count in the page's own sort, so the planner picks the plan it picks for the page.
    /// </summary>
    private async Task<(int Counted, List<OrderSummary> Rows)> ReadPageAsync(
        PortalDb db, OrderQuery query, Actor actor, OrderPageKey? key, bool backwards, int take, CancellationToken ct)
    {
        var orders = Filter(db, query, actor);
        var customerText = !string.IsNullOrWhiteSpace(query.Search) && OrderSearch.SearchesCustomerText(query.Search);
        var counted = await (customerText ? orders : Sort(orders, query.Sort)).Take(OrderCount.Cap + 1).CountAsync(ct);
        if (customerText && counted > BroadSearchOrders)
        {
            orders = Filter(db, query, actor, broadSearch: true);
        }

        return (counted, await Summaries(db, Keyset(orders, query.Sort, key, backwards, take)).ToListAsync(ct));
    }

    /// <summary>Several statuses in number order: an <c>IN</c> over the (Status, Number) index would read and sort every match.</summary>
    private static bool ReadsStatusByStatus(OrderQuery query) => query.Statuses is { Count: > 1 } && !SortsByTotal(query.Sort);

    /// <summary>
    /// Each status's page read from its own (Status, Number) index, in number order and stopping after a page, then
    /// merged: the page of all of them is within the first <paramref name="take"/> rows of each. The counts add up.
    /// </summary>
    private async Task<(int Counted, List<OrderSummary> Rows)> ReadStatusByStatusAsync(
        PortalDb db, OrderQuery query, Actor actor, OrderPageKey? key, bool backwards, int take, CancellationToken ct)
    {
        var (counted, rows) = (0, new List<OrderSummary>());
        foreach (var status in query.Statuses!.Distinct())
        {
            var (statusCounted, statusRows) = await ReadPageAsync(db, query with { Statuses = [status] }, actor, key, backwards, take, ct);
            counted += statusCounted;
            rows.AddRange(statusRows);
        }

        var descending = query.Sort == OrderSort.Newest ? !backwards : backwards;
        return (counted, [.. (descending ? rows.OrderByDescending(o => o.Number) : rows.OrderBy(o => o.Number)).Take(take)]);
    }

    /// <summary>
    /// A page of the filtered orders, newest first, by keyset on the order number (steady while new orders
    /// arrive); <see cref="OrderQuery.Sort"/> and <see cref="OrderQuery.Page"/> do not apply. A cursor naming an
    /// order the actor cannot see is <c>CURSOR_INVALID</c> at its field.
    /// </summary>
    public async Task<Result<CursorPage<OrderSummary>>> ListAsync(OrderQuery query, OrderCursor cursor, Actor actor, CancellationToken ct = default)
    {
        if (cursor.Limit is < 1 or > OrderCursor.MaxLimit)
        {
            return OrderErrors.LimitInvalid;
        }

        if (cursor is { StartingAfter: not null, EndingBefore: not null })
        {
            return OrderErrors.CursorsExclusive;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var (cursorId, field) = cursor.EndingBefore is { } before ? (before, "ending_before") : (cursor.StartingAfter, "starting_after");
        long? number = null;
        if (cursorId is { } id)
        {
            number = await Visible(db, query, actor).Where(o => o.Id == id).Select(o => (long?)o.Number).FirstOrDefaultAsync(ct);
            if (number is null)
            {
                return OrderErrors.CursorInvalid(field);
            }
        }

        var orders = Filter(db, query, actor);
        var backwards = cursor.EndingBefore is not null;
        var page = backwards
            ? orders.Where(o => o.Number > number).OrderBy(o => o.Number)
            : (number is { } after ? orders.Where(o => o.Number < after) : orders).OrderByDescending(o => o.Number);
        var rows = await Summaries(db, page.Take(cursor.Limit + 1)).ToListAsync(ct);
        var hasMore = rows.Count > cursor.Limit;
        IEnumerable<OrderSummary> items = rows.Take(cursor.Limit);
        return new CursorPage<OrderSummary>([.. backwards ? items.Reverse() : items], hasMore);
    }

    /// <summary>The whole filtered set, row by row, without loading it into memory (for CSV export).</summary>
    public async IAsyncEnumerable<OrderSummary> StreamAsync(OrderQuery query, Actor actor, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await foreach (var row in Summaries(db, Sort(Filter(db, query, actor), query.Sort)).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    /// <summary>
    /// The whole filtered set for the CSV export, row by row, in the query's sort: one row per order, or with
    /// <paramref name="perLine"/> one row per order line (an order's lines together, by line number).
    /// </summary>
    public async IAsyncEnumerable<OrderExportRow> StreamExportAsync(
        OrderQuery query, bool perLine, Actor actor, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var orders = Filter(db, query, actor);
        var rows = perLine ? ExportLines(db, orders, query.Sort) : ExportOrders(db, Sort(orders, query.Sort));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    public async Task<int> CountAsync(OrderQuery query, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await Filter(db, query, actor).CountAsync(ct);
    }

    /// <summary>The number of lines of the matching orders (the rows of a per-line export).</summary>
    public async Task<int> CountLinesAsync(OrderQuery query, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await Filter(db, query, actor).SelectMany(o => o.Lines).CountAsync(ct);
    }

    /// <summary>One order with lines, timeline, customer and masked delivered codes; null if absent or not the actor's.</summary>
    public async Task<OrderDetails?> GetAsync(Guid orderId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking()
            .Include(o => o.Lines)
            .Include(o => o.Events)
            .AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == orderId && (actor.MerchantId == null || o.MerchantId == actor.MerchantId), ct);
        if (order is null)
        {
            return null;
        }

        var merchantName = await db.Merchants.Where(m => m.Id == order.MerchantId).Select(m => m.Name).SingleAsync(ct);
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == order.CustomerId)
            .Select(c => new CustomerSummary(c.Id, c.MerchantId, c.Name ?? c.Email ?? c.Phone ?? "Customer", c.Email, c.Phone, c.CreatedAt,
                db.Orders.Count(o => o.CustomerId == c.Id), c.StripeCustomerId != null))
            .SingleAsync(ct);
        var lineIds = order.Lines.Select(l => l.Id).ToList();
        var codes = await db.KeyCodes.AsNoTracking()
            .Where(c => c.OrderLineId != null && lineIds.Contains(c.OrderLineId.Value))
            .OrderBy(c => c.Id)
            .Select(c => new { LineId = c.OrderLineId!.Value, c.Id, c.LastFour })
            .ToListAsync(ct);
        var codesByLine = codes
            .GroupBy(c => c.LineId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DeliveredCode>)[.. g.Select(c => new DeliveredCode(c.Id, "•••• •••• " + c.LastFour))]);
        var refunds = await db.Refunds.AsNoTracking().Include(r => r.Lines).Where(r => r.OrderId == order.Id).OrderBy(r => r.Number).ToListAsync(ct);
        return new OrderDetails(order, merchantName, customer, codesByLine, refunds);
    }

    /// <summary>
    /// The orders with their lines and customers, in the order of <paramref name="orderIds"/> (those that do not exist
    /// or that the actor may not see are left out): a page of the API's list in three queries, whatever its length.
    /// </summary>
    public async Task<IReadOnlyList<OrderWithCustomer>> GetWithCustomersAsync(IReadOnlyList<Guid> orderIds, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking()
            .Include(o => o.Lines)
            .AsSplitQuery()
            .Where(o => orderIds.Contains(o.Id) && (actor.MerchantId == null || o.MerchantId == actor.MerchantId))
            .ToDictionaryAsync(o => o.Id, ct);
        var customerIds = orders.Values.Select(o => o.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return [.. orderIds.Where(orders.ContainsKey).Select(id => new OrderWithCustomer(orders[id], customers[orders[id].CustomerId]))];
    }

    /// <summary>The orders of the merchant the actor is limited to, or of the one the query names.</summary>
    private static IQueryable<Order> Visible(PortalDb db, OrderQuery query, Actor actor)
    {
        var orders = db.Orders.AsNoTracking();
        return (actor.MerchantId ?? query.MerchantId) is { } m ? orders.Where(o => o.MerchantId == m) : orders;
    }

    /// <summary>
    /// Past this many orders matching customer text, the grid's page walks the sort's index and tests each order's
    /// customer (about a page's worth of matches per <c>total / matches</c> orders walked), instead of reading every
    /// matching order through the CustomerId index and sorting them. Tests lower it to reach both plans.
    /// </summary>
    internal int BroadSearchOrders { get; init; } = 2_000;

    private static IQueryable<Order> Filter(PortalDb db, OrderQuery query, Actor actor, bool broadSearch = false)
    {
        var orders = Visible(db, query, actor);

        if (query.Statuses is { Count: > 0 } statuses)
        {
            orders = orders.Where(o => statuses.Contains(o.Status));
        }

        if (query.PaymentStatus is { } payment)
        {
            orders = orders.Where(o => o.PaymentStatus == payment);
        }

        if (query.FulfillmentStatus is { } fulfillment)
        {
            orders = orders.Where(o => o.FulfillmentStatus == fulfillment);
        }

        if (query.CreatedFrom is { } from)
        {
            orders = orders.Where(o => o.CreatedAt >= from);
        }

        if (query.CreatedTo is { } to)
        {
            orders = orders.Where(o => o.CreatedAt < to);
        }

        if (query.ItemId is { } itemId)
        {
            orders = orders.Where(o => o.Lines.Any(l => l.ItemId == itemId));
        }

        if (query.Source is { } source)
        {
            orders = orders.Where(o => o.Source == source);
        }

        if (query.CustomerId is { } customerId)
        {
            orders = orders.Where(o => o.CustomerId == customerId);
        }

        if (query.MerchantOrderId is { } merchantOrderId)
        {
            orders = orders.Where(o => o.MerchantOrderId == merchantOrderId);
        }

        if (query.ExternalReference is { } externalReference)
        {
            orders = orders.Where(o => o.ExternalReference == externalReference);
        }

        if (query.Refunds is { } refunds)
        {
            orders = FilterRefunds(db, orders, refunds);
        }

        return string.IsNullOrWhiteSpace(query.Search) ? orders : Search(db, orders, query.Search.Trim(), broadSearch);
    }

    private static IQueryable<Order> FilterRefunds(PortalDb db, IQueryable<Order> orders, RefundFilter filter)
    {
        var status = filter switch
        {
            RefundFilter.AwaitingApproval => RefundStatus.PendingApproval,
            RefundFilter.Pending => RefundStatus.Pending,
            RefundFilter.Failed => RefundStatus.Failed,
            _ => (RefundStatus?)null,
        };
        return filter switch
        {
            RefundFilter.PartiallyRefunded => orders.Where(o => o.PaymentStatus == PaymentStatus.PartiallyRefunded),
            RefundFilter.Refunded => orders.Where(o => o.PaymentStatus == PaymentStatus.Refunded),
            // Uncorrelated INs: the few refunded orders are looked up by id, instead of every order tested for a refund.
            RefundFilter.Any => orders.Where(o => db.Refunds.Select(r => r.OrderId).Contains(o.Id)),
            _ => orders.Where(o => db.Refunds.Where(r => r.Status == status).Select(r => r.OrderId).Contains(o.Id)),
        };
    }

    private static IQueryable<Order> Search(PortalDb db, IQueryable<Order> orders, string search, bool broad = false)
    {
        var digits = search.StartsWith("MP-", StringComparison.OrdinalIgnoreCase) ? search[3..] : search;
        var number = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var email = search.ToLowerInvariant();
        // An uncorrelated IN (not EXISTS) lets the database answer each alternative from its own index.
        var customerIds = db.Customers.Where(c => c.NormalizedEmail == email).Select(c => c.Id);
        if (!OrderSearch.SearchesCustomerText(search))
        {
            return orders.Where(o => o.Number == number
                || o.MerchantOrderId == search
                || o.ExternalReference == search
                || customerIds.Contains(o.CustomerId));
        }

        // Part of a name or email, from the provider's own index (see OrderSearch); another uncorrelated IN.
        var byText = OrderSearch.CustomerIds(db, search);
        if (broad)
        {
            // Text matching many customers: a correlated EXISTS (the customer by its key, then the matched set, read
            // once) cannot be answered from the CustomerId index, so the database walks the sort's index and stops
            // after a page (or the count's cap) instead of reading and sorting every matching order.
            return orders.Where(o => o.Number == number
                || o.MerchantOrderId == search
                || o.ExternalReference == search
                || customerIds.Contains(o.CustomerId)
                || db.Customers.Any(c => c.Id == o.CustomerId && byText.Contains(c.Id)));
        }

        return orders.Where(o => o.Number == number
            || o.MerchantOrderId == search
            || o.ExternalReference == search
            || customerIds.Contains(o.CustomerId)
            || byText.Contains(o.CustomerId));
    }

    private static IQueryable<Order> Sort(IQueryable<Order> orders, OrderSort sort) => sort switch
    {
        OrderSort.Oldest => orders.OrderBy(o => o.Number),
        OrderSort.TotalHighest => orders.OrderByDescending(o => o.TotalMinor).ThenByDescending(o => o.Number),
        OrderSort.TotalLowest => orders.OrderBy(o => o.TotalMinor).ThenBy(o => o.Number),
        _ => orders.OrderByDescending(o => o.Number),
    };

    /// <summary>Whether the sort orders by total (its page keys then carry the total as well as the number).</summary>
    public static bool SortsByTotal(OrderSort sort) => sort is OrderSort.TotalHighest or OrderSort.TotalLowest;

    /// <summary>
    /// The <paramref name="take"/> orders after <paramref name="key"/> in the sort (or before it, nearest first, when
    /// going backwards). Every sort is one index walked one way or the other — (Number) or (TotalMinor, Number), with
    /// the merchant in front for a merchant. By total, the orders of the key's own total and those past it are two
    /// ranges of that index, each read from where it starts: one range would walk every order of the key's total that
    /// comes before the key (orders of one price are many) to reach the page.
    /// </summary>
    private static IQueryable<Order> Keyset(IQueryable<Order> orders, OrderSort sort, OrderPageKey? key, bool backwards, int take)
    {
        var descending = sort is OrderSort.Newest or OrderSort.TotalHighest ? !backwards : backwards;
        var n = key?.Number;
        if (SortsByTotal(sort))
        {
            var t = key?.TotalMinor;
            if (key is null)
            {
                return ByTotal(orders, descending).Take(take);
            }

            var sameTotal = descending ? orders.Where(o => o.TotalMinor == t && o.Number < n) : orders.Where(o => o.TotalMinor == t && o.Number > n);
            var pastTotal = descending ? orders.Where(o => o.TotalMinor < t) : orders.Where(o => o.TotalMinor > t);
            return ByTotal(ByTotal(sameTotal, descending).Take(take).Concat(ByTotal(pastTotal, descending).Take(take)), descending).Take(take);
        }

        return (descending
            ? (key is null ? orders : orders.Where(o => o.Number < n)).OrderByDescending(o => o.Number)
            : (key is null ? orders : orders.Where(o => o.Number > n)).OrderBy(o => o.Number)).Take(take);
    }

    private static IQueryable<Order> ByTotal(IQueryable<Order> orders, bool descending) => descending
        ? orders.OrderByDescending(o => o.TotalMinor).ThenByDescending(o => o.Number)
        : orders.OrderBy(o => o.TotalMinor).ThenBy(o => o.Number);

    private static IQueryable<OrderExportRow> ExportOrders(PortalDb db, IQueryable<Order> sorted) =>
        from o in sorted
        join c in db.Customers on o.CustomerId equals c.Id
        join m in db.Merchants on o.MerchantId equals m.Id
        select new OrderExportRow(
            new OrderSummary(o.Id, o.Number, o.MerchantId, m.Name, o.MerchantOrderId, c.Name ?? c.Email ?? c.Phone ?? "Customer", c.Email,
                o.Source, o.Status, o.PaymentStatus, o.FulfillmentStatus, o.PaymentMethod, o.Currency, o.TotalMinor, o.RefundedMinor,
                o.Lines.Sum(l => l.Units), o.Lines.Sum(l => l.DeliveredUnits), o.CreatedAt, o.ExternalReference),
            o.SubtotalMinor, o.FeeMinor, o.TaxMinor, o.CardBrand, o.CardLast4, null);

    private static IQueryable<OrderExportRow> ExportLines(PortalDb db, IQueryable<Order> orders, OrderSort sort)
    {
        var joined = from o in orders
                     join l in db.OrderLines on o.Id equals l.OrderId
                     select new { o, l };
        var sorted = sort switch
        {
            OrderSort.Oldest => joined.OrderBy(x => x.o.Number),
            OrderSort.TotalHighest => joined.OrderByDescending(x => x.o.TotalMinor).ThenByDescending(x => x.o.Number),
            OrderSort.TotalLowest => joined.OrderBy(x => x.o.TotalMinor).ThenBy(x => x.o.Number),
            _ => joined.OrderByDescending(x => x.o.Number),
        };
        return from x in sorted.ThenBy(x => x.l.LineNumber)
               join c in db.Customers on x.o.CustomerId equals c.Id
               join m in db.Merchants on x.o.MerchantId equals m.Id
               select new OrderExportRow(
                   new OrderSummary(x.o.Id, x.o.Number, x.o.MerchantId, m.Name, x.o.MerchantOrderId, c.Name ?? c.Email ?? c.Phone ?? "Customer",
                       c.Email, x.o.Source, x.o.Status, x.o.PaymentStatus, x.o.FulfillmentStatus, x.o.PaymentMethod, x.o.Currency,
                       x.o.TotalMinor, x.o.RefundedMinor, x.l.Units, x.l.DeliveredUnits, x.o.CreatedAt, x.o.ExternalReference),
                   x.o.SubtotalMinor, x.o.FeeMinor, x.o.TaxMinor, x.o.CardBrand, x.o.CardLast4,
                   new OrderExportLine(x.l.LineNumber, x.l.Sku, x.l.Name, x.l.Units, x.l.DeliveredUnits, x.l.RefundedUnits,
                       x.l.SubtotalMinor, x.l.FeeMinor, x.l.TaxMinor, x.l.TotalMinor, x.l.RefundedMinor));
    }

    /// <summary>The sorted orders as grid rows; joins keep the sort and read each customer and merchant row once.</summary>
    private static IQueryable<OrderSummary> Summaries(PortalDb db, IQueryable<Order> sorted) =>
        from o in sorted
        join c in db.Customers on o.CustomerId equals c.Id
        join m in db.Merchants on o.MerchantId equals m.Id
        select new OrderSummary(
            o.Id,
            o.Number,
            o.MerchantId,
            m.Name,
            o.MerchantOrderId,
            c.Name ?? c.Email ?? c.Phone ?? "Customer",
            c.Email,
            o.Source,
            o.Status,
            o.PaymentStatus,
            o.FulfillmentStatus,
            o.PaymentMethod,
            o.Currency,
            o.TotalMinor,
            o.RefundedMinor,
            o.Lines.Sum(l => l.Units),
            o.Lines.Sum(l => l.DeliveredUnits),
            o.CreatedAt,
            o.ExternalReference);
}
