using MerchantPortal.Customers;

namespace MerchantPortal.Orders;

/// <summary>
/// A request to place an order, from the portal or the API. <see cref="MerchantOrderId"/> and
/// <see cref="IdempotencyKey"/> make it safe to send again: the same request returns the same order.
/// <see cref="ExternalReference"/> is free text of the merchant's (e.g. its invoice number), neither unique
/// nor a key, that the order keeps and can be searched by.
/// </summary>
public sealed record PlaceOrder(
    Guid MerchantId,
    CustomerRef Customer,
    IReadOnlyList<PlaceOrderLine> Lines,
    PaymentChoice Payment,
    OrderSource Source,
    string? MerchantOrderId = null,
    string? IdempotencyKey = null,
    string? Notes = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    string? ExternalReference = null);

/// <summary>
/// One line: the item, its quantity — a whole count for keys, the face value (e.g. 25.00) for top-ups,
/// omitted or 1 for services — and the values of the item's input fields (a choice field sends the
/// choice's numeric id).
/// </summary>
public sealed record PlaceOrderLine(long ItemId, decimal? Quantity, IReadOnlyDictionary<string, string?>? Fields = null);

/// <summary>
/// How to pay: from the merchant's balance, or with a customer's saved card (a Stripe PaymentMethod id).
/// <see cref="ReturnUrl"/> is where the payer comes back after 3-D Secure; <c>{order_id}</c> in it is
/// replaced by the new order's id.
/// </summary>
public sealed record PaymentChoice(PaymentMethodKind Method, string? PaymentMethodId = null, string? ReturnUrl = null)
{
    public const string OrderIdToken = "{order_id}";

    public static PaymentChoice Balance { get; } = new(PaymentMethodKind.Balance);
}

/// <summary>
/// The placed order, and whether it was placed earlier by the same request (a replay). When
/// <see cref="PaymentUnconfirmed"/>, Stripe's answer to the card charge was lost or is still coming: the card
/// may or may not have been charged, and the order's payment is being confirmed (reconciliation settles it).
/// </summary>
public sealed record PlacedOrder(OrderDetails Order, bool Replayed, bool PaymentUnconfirmed = false);
