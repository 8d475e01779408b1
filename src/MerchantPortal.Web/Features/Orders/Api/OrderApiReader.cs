using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Features.Orders.Api;

/// <summary>Reads orders as the API shows them to a key: current state, with their delivered codes in plaintext.</summary>
public sealed class OrderApiReader(OrderQueries queries, DeliveredCodeReader codes)
{
    /// <summary>The order, or null when it does not exist or belongs to another merchant.</summary>
    public async Task<OrderObject?> ReadAsync(Guid orderId, Actor actor, bool replayed, CancellationToken ct) =>
        (await ReadManyAsync([orderId], actor, replayed, ct)).SingleOrDefault();

    /// <summary>The orders, in the order given (those the actor may not see are left out), in a fixed number of queries.</summary>
    public async Task<IReadOnlyList<OrderObject>> ReadManyAsync(IReadOnlyList<Guid> orderIds, Actor actor, bool replayed, CancellationToken ct)
    {
        var orders = await queries.GetWithCustomersAsync(orderIds, actor, ct);
        var codesByOrder = await codes.ReadManyAsync([.. orders.Select(o => o.Order)], actor, ct);
        return [.. orders.Select(o => OrderObjects.From(o.Order, Contact(o.Customer), codesByOrder[o.Order.Id], replayed))];
    }

    /// <summary>An order just placed or changed, from the details its service returned (no read back).</summary>
    public async Task<OrderObject> ToObjectAsync(OrderDetails details, Actor actor, bool replayed, CancellationToken ct)
    {
        var customer = details.Customer;
        return OrderObjects.From(details.Order, new OrderCustomerObject(customer.Id, customer.DisplayName, customer.Email, customer.Phone),
            await codes.ReadAsync(details.Order, actor, ct), replayed);
    }

    private static OrderCustomerObject Contact(Customer customer) => new(customer.Id, customer.DisplayName, customer.Email, customer.Phone);
}
