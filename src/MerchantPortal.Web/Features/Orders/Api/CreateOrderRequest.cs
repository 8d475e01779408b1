using System.Text.Json;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Features.Orders.Api;

/// <summary>
/// The body of <c>POST /api/v1/orders</c>: either the single-item shape resellers use (<c>item_id</c>,
/// <c>quantity</c>, <c>fields</c>) or <c>lines</c>, never both.
/// </summary>
public sealed record CreateOrderRequest
{
    /// <summary>The catalog item of a single-item order.</summary>
    public long? ItemId { get; init; }

    /// <summary>A whole count for keys (default 1), the face value for top-ups (e.g. 25.00), omitted for services.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The item's input fields: text as strings, choices as their numeric ids.</summary>
    public Dictionary<string, JsonElement>? Fields { get; init; }

    /// <summary>The lines of a multi-line order (at least one).</summary>
    public List<CreateOrderLineRequest>? Lines { get; init; }

    /// <summary>Find the customer by email or phone, or create them.</summary>
    public CustomerInput? Customer { get; init; }

    /// <summary>An existing customer of the merchant, instead of <c>customer</c>.</summary>
    public Guid? CustomerId { get; init; }

    /// <summary>How to pay: the merchant balance (default) or a card saved for the customer.</summary>
    public PaymentInput? Payment { get; init; }

    /// <summary>Your own unique reference (at most 100 characters); sending it again returns the same order.</summary>
    public string? MerchantOrderId { get; init; }

    /// <summary>Free text of yours (at most 100 characters), e.g. an invoice number: not unique, echoed and searchable.</summary>
    public string? ExternalReference { get; init; }

    public string? Notes { get; init; }

    public List<string>? Tags { get; init; }

    public Dictionary<string, string>? Metadata { get; init; }
}

public sealed record CreateOrderLineRequest
{
    public long? ItemId { get; init; }

    public decimal? Quantity { get; init; }

    public Dictionary<string, JsonElement>? Fields { get; init; }
}

public sealed record CustomerInput
{
    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }
}

public sealed record PaymentInput
{
    /// <summary><c>balance</c> (default) or <c>card</c>.</summary>
    public PaymentMethodKind Method { get; init; } = PaymentMethodKind.Balance;

    /// <summary>For <c>card</c>: the customer's saved card, <c>pm_…</c>.</summary>
    public string? PaymentMethodId { get; init; }

    /// <summary>For <c>card</c>: where the payer returns after 3-D Secure; <c>{order_id}</c> is replaced. Defaults to the portal's page.</summary>
    public string? ReturnUrl { get; init; }
}
