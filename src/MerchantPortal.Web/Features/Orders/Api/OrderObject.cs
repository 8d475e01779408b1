using System.Text.Json.Serialization;
using MerchantPortal.Catalog;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Features.Orders.Api;

/// <summary>
/// The API's order object (docs/api.md). Money is in integer minor units, each amount with a formatted twin;
/// a single-line order also carries its line's reseller fields at the top level. <c>codes</c> and the
/// lines' codes are the delivered codes in plaintext — null in webhook snapshots, which never carry codes.
/// </summary>
public sealed record OrderObject(
    Guid Id,
    [property: JsonPropertyName("object")] string ObjectType,
    string Number,
    OrderStatus Status,
    PaymentStatus PaymentStatus,
    FulfillmentStatus FulfillmentStatus,
    string Currency,
    long Subtotal,
    string SubtotalFormatted,
    long Fees,
    string FeesFormatted,
    long Taxes,
    string TaxesFormatted,
    long Total,
    string TotalFormatted,
    long RefundAmount,
    string RefundAmountFormatted,
    IReadOnlyList<OrderLineObject> Lines,
    OrderPaymentObject Payment,
    string? Error,
    string? ErrorMessage,
    OrderCustomerObject Customer,
    string? MerchantOrderId,
    OrderSource Source,
    CreatedByObject CreatedBy,
    string? Notes,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Metadata,
    string? ExternalReference,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    bool Replayed,
    long? ItemId,
    decimal? Quantity,
    decimal? DeliveredQuantity,
    IReadOnlyList<string>? Codes);

/// <summary>One line of an order; for a top-up the quantities are face values in major units, as in the request.</summary>
public sealed record OrderLineObject(
    long Id,
    long ItemId,
    string ItemName,
    ProductType ItemProductType,
    decimal Quantity,
    decimal DeliveredQuantity,
    decimal RefundedQuantity,
    long UnitPrice,
    string UnitPriceFormatted,
    long Subtotal,
    long Fees,
    long Taxes,
    long Total,
    string TotalFormatted,
    IReadOnlyList<OrderLineFieldObject> Fields,
    string? Error,
    string? ErrorMessage,
    IReadOnlyList<string>? Codes);

/// <summary>A field value of a line: a choice field's value is its numeric id, <c>display</c> its name.</summary>
public sealed record OrderLineFieldObject(string Key, string Label, string Value, string Display);

/// <summary>How the order is paid; <c>next_action</c> is set while 3-D Secure waits for the payer.</summary>
public sealed record OrderPaymentObject(
    PaymentMethodKind Method, string? PaymentIntentId, PaymentStatus Status, string? PaymentMethodDescription, NextActionObject? NextAction);

public sealed record NextActionObject(string Type, string RedirectUrl);

public sealed record OrderCustomerObject(Guid Id, string Name, string? Email, string? Phone);

/// <summary>Who placed the order: <c>type</c> is <c>user</c>, <c>api_key</c> or <c>system</c>.</summary>
public sealed record CreatedByObject(string Type, string Id, string Name);
