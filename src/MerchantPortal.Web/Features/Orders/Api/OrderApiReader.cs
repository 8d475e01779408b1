using MerchantPortal.Auditing;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Features.Orders.Api;

/// <summary>Reads an order as the API shows it to a key: current state, with its delivered codes in plaintext.</summary>
public sealed class OrderApiReader(OrderQueries queries, DeliveredCodeReader codes)
{
    /// <summary>The order, or null when it does not exist or belongs to another merchant.</summary>
    public async Task<OrderObject?> ReadAsync(Guid orderId, Actor actor, bool replayed, CancellationToken ct)
    {
        var details = await queries.GetAsync(orderId, actor, ct);
        return details is null ? null : await ToObjectAsync(details, actor, replayed, ct);
    }

    public async Task<OrderObject> ToObjectAsync(OrderDetails details, Actor actor, bool replayed, CancellationToken ct)
    {
        var customer = details.Customer;
        return OrderObjects.From(details.Order, new OrderCustomerObject(customer.Id, customer.DisplayName, customer.Email, customer.Phone),
            await codes.ReadAsync(details.Order, actor, ct), replayed);
    }
}
